import { validationErrorFromZod } from '@birgemiz/errors';
import type { PipeTransform } from '@nestjs/common';
import type { ZodType, ZodTypeDef } from 'zod';

/** Validates a body, query or params object with a zod schema; failures become a localized 400. */
export class ZodValidationPipe<T> implements PipeTransform<unknown, T> {
  constructor(
    private readonly schema: ZodType<T, ZodTypeDef, unknown>,
    private readonly root: 'body' | 'query' | 'params',
  ) {}

  transform(value: unknown): T {
    const result = this.schema.safeParse(value ?? {});
    if (!result.success) throw validationErrorFromZod(result.error, this.root);
    return result.data;
  }
}
