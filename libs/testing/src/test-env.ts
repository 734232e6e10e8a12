/** Addresses of the real infrastructure the int and e2e tiers use (started by `npm run infra:up`). */
export const testInfra = {
  databaseUrl: process.env.DATABASE_URL ?? 'postgres://birgemiz:birgemiz@127.0.0.1:5432/birgemiz',
  redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
  kafkaBrokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
};

/** A JWT secret for tests only (never used outside them). */
export const TEST_JWT_SECRET = 'test-only-secret-0123456789abcdef0123456789';

/** Unique, short, lowercase suffix for names of topics, groups, databases in one run. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
}
