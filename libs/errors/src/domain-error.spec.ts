import { z } from 'zod';
import { DomainError, isWireError } from './domain-error';
import { ErrorCode } from './error-code';
import { validationErrorFromZod } from './zod-issues';

describe('DomainError', () => {
  it('round-trips through the wire format', () => {
    const error = new DomainError(ErrorCode.AccountLocked, 'locked', { retryAfterSeconds: 30, issues: [{ path: 'body.email', reason: 'x' }] });
    const wire = JSON.parse(JSON.stringify(error.toWire()));
    expect(isWireError(wire)).toBe(true);
    const back = DomainError.fromWire(wire);
    expect(back).toBeInstanceOf(DomainError);
    expect(back).toMatchObject({ code: ErrorCode.AccountLocked, message: 'locked', retryAfterSeconds: 30 });
    expect(back.issues).toEqual([{ path: 'body.email', reason: 'x' }]);
  });

  it('keeps the error id of an internal error as meta', () => {
    const back = DomainError.fromWire({ code: ErrorCode.Internal, message: 'Internal error', issues: [], errorId: 'abc' });
    expect(back.meta).toEqual({ errorId: 'abc' });
  });

  it('does not take arbitrary objects for wire errors', () => {
    expect(isWireError({ code: 'NOPE', message: 'x' })).toBe(false);
    expect(isWireError({ status: 'error', message: 'Internal server error' })).toBe(false);
    expect(isWireError(null)).toBe(false);
  });
});

describe('validationErrorFromZod', () => {
  const schema = z.object({ email: z.string().email(), age: z.number().int().max(150), name: z.string() }).strict();

  it('names each field with its reason', () => {
    const result = schema.safeParse({ email: 'nope', age: 900, extra: true });
    expect(result.success).toBe(false);
    const error = validationErrorFromZod(result.error!, 'body');
    expect(error.code).toBe(ErrorCode.ValidationFailed);
    expect(error.issues.map((i) => [i.path, i.reason])).toEqual(
      expect.arrayContaining([
        ['body.email', 'invalid_email'],
        ['body.age', 'too_big'],
        ['body.name', 'required'],
        ['body.extra', 'unrecognized_keys'],
      ]),
    );
  });
});

describe('validationErrorFromZod reasons of the schema', () => {
  it('takes params.reason of a refinement and a snake_case message as the reason', () => {
    const schema = z.object({
      consent: z.boolean().refine((v) => v, { message: 'consent is required', params: { reason: 'consent_required' } }),
      title: z.string().refine((v) => !v.includes('<'), { message: 'html_not_allowed' }),
      slug: z.string().regex(/^[a-z]+$/, 'invalid_slug'),
    });
    const result = schema.safeParse({ consent: false, title: '<b>', slug: 'A B' });
    const reasons = Object.fromEntries(validationErrorFromZod(result.error!, 'body').issues.map((i) => [i.path, i.reason]));
    expect(reasons).toEqual({ 'body.consent': 'consent_required', 'body.title': 'html_not_allowed', 'body.slug': 'invalid_slug' });
  });
});
