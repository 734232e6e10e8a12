import { ErrorCode, isErrorCode } from './error-code';

/** One problem with one input field (path like `body.email`). */
export interface FieldIssue {
  path: string;
  /** Machine-readable reason, e.g. `invalid_string`, `too_big`. */
  reason: string;
  /** Developer-facing detail in English. */
  detail?: string;
}

export interface DomainErrorOptions {
  issues?: FieldIssue[];
  /** Seconds after which a retry may succeed (rate limits, locks, outages). */
  retryAfterSeconds?: number;
  /** Extra non-personal context for the client. */
  meta?: Record<string, unknown>;
  cause?: unknown;
}

/** An expected failure of a use case. Thrown by services; mapped to a status by each transport. */
export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];
  readonly retryAfterSeconds?: number;
  readonly meta?: Record<string, unknown>;

  constructor(code: ErrorCode, message?: string, options: DomainErrorOptions = {}) {
    super(message ?? code, { cause: options.cause });
    this.name = 'DomainError';
    this.code = code;
    this.issues = options.issues ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.meta = options.meta;
  }

  toWire(): WireError {
    return {
      code: this.code,
      message: this.message,
      issues: this.issues,
      ...(this.retryAfterSeconds !== undefined ? { retryAfterSeconds: this.retryAfterSeconds } : {}),
      ...(this.meta ? { meta: this.meta } : {}),
    };
  }

  static fromWire(wire: WireError): DomainError {
    return new DomainError(wire.code, wire.message, {
      issues: wire.issues,
      retryAfterSeconds: wire.retryAfterSeconds,
      meta: wire.errorId ? { ...wire.meta, errorId: wire.errorId } : wire.meta,
    });
  }
}

/** The error object a service returns over Kafka request-reply. */
export interface WireError {
  code: ErrorCode;
  message: string;
  issues: FieldIssue[];
  retryAfterSeconds?: number;
  meta?: Record<string, unknown>;
  /** Present on INTERNAL errors: the id under which the details were logged. */
  errorId?: string;
}

export function isWireError(value: unknown): value is WireError {
  return (
    typeof value === 'object' &&
    value !== null &&
    isErrorCode((value as { code?: unknown }).code) &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}
