import { Writable } from 'node:stream';
import { runWithCorrelationId, correlationIdFrom } from './correlation';
import { createLogger, PinoNestLogger } from './logger';

function capture(): { lines: () => Record<string, unknown>[]; stream: Writable } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      chunks.push(chunk.toString());
      done();
    },
  });
  return { stream, lines: () => chunks.join('').trim().split('\n').map((l) => JSON.parse(l)) };
}

describe('JSON logger', () => {
  it('redacts personal data and secrets at any depth we log them', () => {
    const out = capture();
    const logger = createLogger({ service: 'test', destination: out.stream });
    logger.info({ email: 'aigerim@example.kz', applicant: { phone: '+77011234567', fullName: 'Айгерім' }, req: { headers: { authorization: 'Bearer x' } } }, 'hello');
    const [line] = out.lines();
    const text = JSON.stringify(line);
    expect(text).not.toContain('aigerim@example.kz');
    expect(text).not.toContain('+77011234567');
    expect(text).not.toContain('Айгерім');
    expect(text).not.toContain('Bearer x');
    expect(line).toMatchObject({ level: 'info', service: 'test', msg: 'hello', email: '[redacted]' });
  });

  it('adds the correlation id of the current request to every line', () => {
    const out = capture();
    const logger = createLogger({ service: 'test', destination: out.stream });
    runWithCorrelationId('corr-1234-abcd', () => logger.info('inside'));
    logger.info('outside');
    const [inside, outside] = out.lines();
    expect(inside.correlationId).toBe('corr-1234-abcd');
    expect(outside.correlationId).toBeUndefined();
  });

  it('maps Nest log calls to levels with their context', () => {
    const out = capture();
    const nest = new PinoNestLogger(createLogger({ service: 'test', level: 'debug', destination: out.stream }));
    nest.log('started', 'Bootstrap');
    nest.warn({ msg: 'slow', ms: 12 }, 'Kafka');
    nest.error('boom', 'Error: boom\n    at x (y.js:1:1)', 'Handler');
    const [log, warn, error] = out.lines();
    expect(log).toMatchObject({ level: 'info', msg: 'started', context: 'Bootstrap' });
    expect(warn).toMatchObject({ level: 'warn', msg: 'slow', ms: 12, context: 'Kafka' });
    expect(error).toMatchObject({ level: 'error', msg: 'boom', context: 'Handler' });
    expect(String(error.stack)).toContain('at x');
  });
});

describe('correlationIdFrom', () => {
  it('keeps a well-formed id and replaces anything else', () => {
    expect(correlationIdFrom('req-0001-abcd')).toBe('req-0001-abcd');
    expect(correlationIdFrom(Buffer.from('req-0002-abcd'))).toBe('req-0002-abcd');
    for (const bad of ['short', 'has spaces in it', '<script>alert(1)</script>', 'x'.repeat(200), undefined, 42]) {
      expect(correlationIdFrom(bad)).toMatch(/^[0-9a-f-]{36}$/);
    }
  });
});
