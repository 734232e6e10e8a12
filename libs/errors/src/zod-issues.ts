import type { ZodError } from 'zod';
import { DomainError, type FieldIssue } from './domain-error';
import { ErrorCode } from './error-code';

/** A schema's own reason token (`html_not_allowed`, `invalid_phone`…) rather than zod's generic code. */
const REASON_TOKEN = /^[a-z]+(?:_[a-z]+)+$/;

/**
 * Turns a zod error into a VALIDATION_FAILED domain error; `root` prefixes paths (body, query, params).
 * The reason is the schema's own when it gives one (`params.reason`, or a snake_case message such as
 * `html_not_allowed`), else zod's code refined (`required`, `invalid_email`).
 */
export function validationErrorFromZod(error: ZodError, root: string): DomainError {
  const issues: FieldIssue[] = error.issues.slice(0, 50).map((issue) => {
    let reason: string = issue.code;
    if (issue.code === 'invalid_type' && issue.received === 'undefined') reason = 'required';
    if (issue.code === 'invalid_string' && issue.validation === 'email') reason = 'invalid_email';
    const own = issue.code === 'custom' ? (issue.params as { reason?: unknown } | undefined)?.reason : undefined;
    if (typeof own === 'string') reason = own;
    else if (REASON_TOKEN.test(issue.message)) reason = issue.message;
    const path = [root, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return { path: [path, issue.keys.join(',')].join('.'), reason, detail: issue.message };
    }
    return { path, reason, detail: issue.message };
  });
  return new DomainError(ErrorCode.ValidationFailed, 'Validation failed', { issues });
}
