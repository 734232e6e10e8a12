import { validationErrorFromZod } from '@birgemiz/errors';
import type { PipeTransform } from '@nestjs/common';
import type { ZodType, ZodTypeDef } from 'zod';

/**
 * ZodValidationPipe for the volunteers forms: a refinement's own reason (`params.reason`: `html_not_allowed`,
 * `invalid_phone`, `consent_required`…) becomes the issue reason, so the localized message says what is wrong.
 */
export class VolunteersValidationPipe<T> implements PipeTransform<unknown, T> {
  constructor(
    private readonly schema: ZodType<T, ZodTypeDef, unknown>,
    private readonly root: 'body' | 'query' | 'params',
  ) {}

  transform(value: unknown): T {
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    const error = validationErrorFromZod(result.error, this.root);
    error.issues.forEach((issue, index) => {
      const source = result.error.issues[index];
      const reason = source?.code === 'custom' ? (source.params as { reason?: unknown } | undefined)?.reason : undefined;
      if (typeof reason === 'string') issue.reason = reason;
    });
    throw error;
  }
}
