import { z, type ZodRawShape } from 'zod';

/** Thrown at start-up when the environment is invalid; lists every bad variable at once. */
export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

/**
 * Validates environment variables against the union of per-concern schemas and returns a typed object.
 * Every problem is reported, not just the first.
 */
export function loadConfig<S extends ZodRawShape>(shape: S, env: NodeJS.ProcessEnv = process.env): z.infer<z.ZodObject<S>> {
  const schema = z.object(shape);
  const input: Record<string, string | undefined> = {};
  for (const key of Object.keys(shape)) {
    const value = env[key];
    input[key] = value === '' ? undefined : value;
  }
  const result = schema.safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const key = issue.path.join('.');
      const shown = key in input && input[key] !== undefined ? ` (got ${JSON.stringify(redact(key, input[key]!))})` : '';
      return `${key}: ${issue.message}${shown}`;
    });
    throw new ConfigValidationError(problems);
  }
  return result.data;
}

function redact(key: string, value: string): string {
  return /SECRET|PASSWORD|KEY|TOKEN/i.test(key) ? '***' : value.length > 80 ? `${value.slice(0, 80)}…` : value;
}
