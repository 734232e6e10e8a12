import type { ZodError } from 'zod';
import { DomainError, type FieldIssue } from './domain-error';
import { ErrorCode } from './error-code';

/** Turns a zod error into a VALIDATION_FAILED domain error; `root` prefixes paths (body, query, params). */
export function validationErrorFromZod(error: ZodError, root: string): DomainError {
  const issues: FieldIssue[] = error.issues.slice(0, 50).map((issue) => {
    let reason: string = issue.code;
    if (issue.code === 'invalid_type' && issue.received === 'undefined') reason = 'required';
    if (issue.code === 'invalid_string' && issue.validation === 'email') reason = 'invalid_email';
    const path = [root, ...issue.path.map(String)].filter(Boolean).join('.');
    if (issue.code === 'unrecognized_keys') {
      return { path: [path, issue.keys.join(',')].join('.'), reason, detail: issue.message };
    }
    return { path, reason, detail: issue.message };
  });
  return new DomainError(ErrorCode.ValidationFailed, 'Validation failed', { issues });
}
