import { validationErrorFromZod, type DomainError } from '@birgemiz/errors';
import type { ZodError, ZodType, ZodTypeDef } from 'zod';

/**
 * Like parseRpc, but a refinement's own reason (`params.reason`, e.g. `html_not_allowed`, `invalid_phone`) becomes
 * the issue reason instead of zod's generic `custom`.
 */
export function validationErrorWithReasons(error: ZodError, root: string): DomainError {
  const domainError = validationErrorFromZod(error, root);
  domainError.issues.forEach((issue, index) => {
    const source = error.issues[index];
    const reason = source?.code === 'custom' ? (source.params as { reason?: unknown } | undefined)?.reason : undefined;
    if (typeof reason === 'string') issue.reason = reason;
  });
  return domainError;
}

export function parseRequest<T>(schema: ZodType<T, ZodTypeDef, unknown>, data: unknown, root = 'body'): T {
  const result = schema.safeParse(data);
  if (!result.success) throw validationErrorWithReasons(result.error, root);
  return result.data;
}
