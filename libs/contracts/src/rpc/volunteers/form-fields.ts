import { z } from 'zod';

/**
 * Field rules shared by the volunteers forms. Custom refinements carry `params.reason` (e.g. `html_not_allowed`,
 * `invalid_phone`): the gateway and the volunteers service turn it into the issue reason the client sees.
 */

/** Markup and script: a `<` that opens a tag, comment or declaration, or a `javascript:` URL. */
const MARKUP = /<\s*[a-z!/?]|javascript\s*:/i;
/** Control characters other than tab and line breaks. */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

export function containsMarkup(value: string): boolean {
  return MARKUP.test(value);
}

/** A plain-text field: trimmed, bounded, no HTML or script, no control characters. */
export function plainText(min: number, max: number) {
  return z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((v) => !containsMarkup(v), { message: 'HTML and script are not allowed', params: { reason: 'html_not_allowed' } })
    .refine((v) => !CONTROL.test(v), { message: 'control characters are not allowed', params: { reason: 'invalid_characters' } });
}

/**
 * Kazakhstan phone numbers in any common spelling (+7 7xx xxx xx xx, 8 7xx…, 7xx…, with spaces, dashes or
 * brackets) to E.164 (+77xxxxxxxxx); null when it is not a Kazakhstan number.
 */
export function normalizeKazakhstanPhone(input: string): string | null {
  if (input.length > 40) return null;
  const compact = input.replace(/[\s\-().]/g, '');
  const match = /^(?:\+7|8|7)?(7\d{9})$/.exec(compact);
  if (!match) return null;
  // "7xxxxxxxxx" alone (10 digits) is a national number; "77xxxxxxxxx" (11 digits) already carries the country code.
  return `+7${match[1]}`;
}

export const kazakhstanPhoneSchema = z
  .string()
  .max(40)
  .transform((value, ctx) => {
    const normalized = normalizeKazakhstanPhone(value);
    if (!normalized) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'expected a Kazakhstan number: +7 7xx xxx xx xx', params: { reason: 'invalid_phone' } });
      return z.NEVER;
    }
    return normalized;
  });

/** An ISO calendar date (YYYY-MM-DD) that exists. */
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')
  .refine((v) => {
    const date = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === v;
  }, { message: 'not a calendar date', params: { reason: 'invalid_date' } });

/** Full years between a birth date and `today` (both UTC calendar dates). */
export function ageOn(birthDate: string, today: Date = new Date()): number {
  const [y, m, d] = birthDate.split('-').map(Number);
  const ty = today.getUTCFullYear();
  const tm = today.getUTCMonth() + 1;
  const td = today.getUTCDate();
  return ty - y - (tm < m || (tm === m && td < d) ? 1 : 0);
}

/** Youngest volunteers accepted, and the age from which no guardian consent is needed. */
export const MIN_VOLUNTEER_AGE = 14;
export const ADULT_AGE = 18;

export const birthDateSchema = isoDateSchema.superRefine((value, ctx) => {
  const today = new Date().toISOString().slice(0, 10);
  if (value > today) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'birth date is in the future', params: { reason: 'birth_date_in_future' } });
  } else if (ageOn(value) > 110) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'birth date is too far in the past', params: { reason: 'invalid_date' } });
  } else if (ageOn(value) < MIN_VOLUNTEER_AGE) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, message: `volunteers must be at least ${MIN_VOLUNTEER_AGE}`, params: { reason: 'too_young' } });
  }
});

/** Opaque applicant link token: 32 random bytes, base64url. */
export const statusTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/, 'malformed token');

/** Client-chosen idempotency key of a submission (header Idempotency-Key or field submissionId). */
export const idempotencyKeySchema = z.string().regex(/^[A-Za-z0-9_.:-]{8,100}$/, 'expected 8–100 characters [A-Za-z0-9_.:-]');
