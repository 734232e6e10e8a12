import { z, type ZodRawShape } from 'zod';

/** Thrown at start-up when the environment is invalid; lists every bad variable at once. */
export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

/** A problem found by a check that looks at several variables together (e.g. "all or none of these"). */
export interface ConfigProblem {
  key: string;
  message: string;
}

/** Runs on the parsed configuration, after every variable passed its own schema. */
export type ConfigCheck<T> = (config: T) => ConfigProblem[];

/**
 * Validates environment variables against the union of per-concern schemas and returns a typed object.
 * Every problem is reported, not just the first; `checks` then look at variables that only make sense together.
 */
export function loadConfig<S extends ZodRawShape>(
  shape: S,
  env: NodeJS.ProcessEnv = process.env,
  checks: readonly ConfigCheck<z.infer<z.ZodObject<S>>>[] = [],
): z.infer<z.ZodObject<S>> {
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
  const problems = checks.flatMap((check) => check(result.data)).map((p) => `${p.key}: ${p.message}`);
  if (problems.length > 0) throw new ConfigValidationError(problems);
  return result.data;
}

function redact(key: string, value: string): string {
  return /SECRET|PASSWORD|KEY|TOKEN/i.test(key) ? '***' : value.length > 80 ? `${value.slice(0, 80)}…` : value;
}
