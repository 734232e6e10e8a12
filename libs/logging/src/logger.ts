import type { LoggerService, LogLevel } from '@nestjs/common';
import pino, { type Logger, type LoggerOptions } from 'pino';
import { currentCorrelationId } from './correlation';

/**
 * Personal data and secrets never reach the logs: these keys are censored wherever they appear
 * (top level and one or two levels deep).
 */
const SENSITIVE_KEYS = [
  'email',
  'phone',
  'birthDate',
  'fullName',
  'firstName',
  'lastName',
  'displayName',
  'authorName',
  'password',
  'passwordHash',
  'token',
  'accessToken',
  'refreshToken',
  'authorization',
  'cookie',
  'guardianName',
  'guardianPhone',
  'address',
];

export const REDACTED_PATHS = [
  ...SENSITIVE_KEYS,
  ...SENSITIVE_KEYS.map((k) => `*.${k}`),
  ...SENSITIVE_KEYS.map((k) => `*.*.${k}`),
  'req.headers.authorization',
  'req.headers.cookie',
];

export interface CreateLoggerOptions {
  service: string;
  level?: string;
  instanceId?: string;
  /** Destination stream (tests); stdout by default. */
  destination?: pino.DestinationStream;
}

export function createLogger(options: CreateLoggerOptions): Logger {
  const pinoOptions: LoggerOptions = {
    level: options.level ?? 'info',
    base: { service: options.service, ...(options.instanceId ? { instance: options.instanceId } : {}) },
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: 'msg',
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    formatters: { level: (label) => ({ level: label }) },
    mixin() {
      const correlationId = currentCorrelationId();
      return correlationId ? { correlationId } : {};
    },
  };
  return options.destination ? pino(pinoOptions, options.destination) : pino(pinoOptions);
}

/** Nest's LoggerService on top of pino, so framework logs are JSON lines too. */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  log(message: unknown, ...optional: unknown[]): void {
    this.write('info', message, optional);
  }
  error(message: unknown, ...optional: unknown[]): void {
    this.write('error', message, optional);
  }
  warn(message: unknown, ...optional: unknown[]): void {
    this.write('warn', message, optional);
  }
  debug(message: unknown, ...optional: unknown[]): void {
    this.write('debug', message, optional);
  }
  verbose(message: unknown, ...optional: unknown[]): void {
    this.write('trace', message, optional);
  }
  fatal(message: unknown, ...optional: unknown[]): void {
    this.write('fatal', message, optional);
  }
  setLogLevels(_levels: LogLevel[]): void {
    // The level comes from LOG_LEVEL at boot.
  }

  private write(level: pino.Level, message: unknown, optional: unknown[]): void {
    const context = typeof optional[optional.length - 1] === 'string' ? (optional.pop() as string) : undefined;
    const fields: Record<string, unknown> = context ? { context } : {};
    if (level === 'error' && typeof optional[0] === 'string' && optional[0].includes('\n    at ')) {
      fields.stack = optional.shift();
    }
    if (message instanceof Error) {
      this.logger[level]({ ...fields, err: message }, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ ...fields, ...(message as object) });
    } else {
      this.logger[level](fields, String(message));
    }
  }
}
