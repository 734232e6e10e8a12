import { ConfigValidationError, loadConfig } from './load-config';
import { databaseConfig, httpConfig, jwtConfig, kafkaConfig, runtimeConfig } from './schemas';

const shape = { ...runtimeConfig, ...kafkaConfig, ...databaseConfig, ...jwtConfig, ...httpConfig };

describe('loadConfig', () => {
  it('applies defaults and coerces numbers', () => {
    const config = loadConfig(shape, { JWT_SECRET: 'x'.repeat(32), PORT: '8080' });
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      KAFKA_BROKERS: '127.0.0.1:9092',
      PORT: 8080,
      REQUEST_TIMEOUT_MS: 5000,
      TRUST_PROXY: false,
    });
  });

  it('lists every bad variable at once, hiding secret values', () => {
    let error: unknown;
    try {
      loadConfig(shape, {
        JWT_SECRET: 'short',
        PORT: 'eighty',
        KAFKA_BROKERS: 'no-port-here',
        DATABASE_URL: 'mysql://x@y/z',
        LOG_LEVEL: 'loud',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const problems = (error as ConfigValidationError).problems;
    expect(problems.map((p) => p.split(':')[0]).sort()).toEqual(['DATABASE_URL', 'JWT_SECRET', 'KAFKA_BROKERS', 'LOG_LEVEL', 'PORT']);
    expect((error as Error).message).not.toContain('short');
    expect(problems.find((p) => p.startsWith('JWT_SECRET'))).toContain('***');
    expect(problems.find((p) => p.startsWith('PORT'))).toContain('"eighty"');
  });

  it('reports a missing required variable', () => {
    expect(() => loadConfig(shape, {})).toThrow(/JWT_SECRET: Required/);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig(shape, { JWT_SECRET: 'y'.repeat(40), PORT: '' }).PORT).toBe(3000);
  });
});
