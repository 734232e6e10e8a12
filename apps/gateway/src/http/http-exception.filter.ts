import { CORRELATION_HEADER } from '@birgemiz/contracts';
import { DomainError, ErrorCode, errorMessage, issueMessage, negotiateLanguage } from '@birgemiz/errors';
import { currentCorrelationId } from '@birgemiz/logging';
import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { randomUUID } from 'node:crypto';

/** HTTP status of each domain error code: the one place where codes meet HTTP. */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.ValidationFailed]: 400,
  [ErrorCode.Unauthenticated]: 401,
  [ErrorCode.InvalidCredentials]: 401,
  [ErrorCode.Forbidden]: 403,
  [ErrorCode.NotFound]: 404,
  [ErrorCode.Conflict]: 409,
  [ErrorCode.PayloadTooLarge]: 413,
  [ErrorCode.UnsupportedMediaType]: 415,
  [ErrorCode.RateLimited]: 429,
  [ErrorCode.AccountLocked]: 429,
  [ErrorCode.Internal]: 500,
  [ErrorCode.ServiceUnavailable]: 503,
  [ErrorCode.ServiceTimeout]: 504,
};

/** Framework and Fastify errors (unknown route, bad JSON, body limit, content type) as domain codes. */
function fromHttpException(exception: HttpException | { statusCode?: number; code?: string }): DomainError {
  const status = exception instanceof HttpException ? exception.getStatus() : (exception.statusCode ?? 500);
  const fastifyCode = (exception as { code?: string }).code;
  switch (status) {
    case 400:
      return new DomainError(ErrorCode.ValidationFailed, 'Malformed request', {
        issues: [{ path: 'body', reason: fastifyCode === 'FST_ERR_CTP_EMPTY_JSON_BODY' ? 'required' : 'invalid_json' }],
      });
    case 401:
      return new DomainError(ErrorCode.Unauthenticated);
    case 403:
      return new DomainError(ErrorCode.Forbidden);
    case 404:
      return new DomainError(ErrorCode.NotFound, 'No such route');
    case 413:
      return new DomainError(ErrorCode.PayloadTooLarge);
    case 415:
      return new DomainError(ErrorCode.UnsupportedMediaType);
    case 429:
      return new DomainError(ErrorCode.RateLimited, undefined, { retryAfterSeconds: 60 });
    default:
      return status >= 400 && status < 500
        ? new DomainError(ErrorCode.ValidationFailed, 'Bad request')
        : new DomainError(ErrorCode.Internal);
  }
}

/**
 * Maps every error to a JSON body in the caller's language (Accept-Language: kk, ru, en):
 * `{ error: { code, message, issues, correlationId, errorId? } }`, with Retry-After on 429/503/504.
 * 5xx details stay in the log under an error id.
 */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const reply = http.getResponse<FastifyReply>();

    let error: DomainError;
    if (exception instanceof DomainError) error = exception;
    else if (exception instanceof HttpException) error = fromHttpException(exception);
    else if (isFastifyError(exception)) error = fromHttpException(exception);
    else error = new DomainError(ErrorCode.Internal, 'Unhandled error', { cause: exception });

    sendError(request, reply, error, exception, this.logger);
  }
}

/**
 * Sends a domain error as the platform's JSON error body; used by the filter and by routes that live outside Nest
 * (the queue dashboard's Fastify plugin).
 */
export function sendError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: DomainError,
  exception: unknown = error,
  logger: Pick<Logger, 'error'> = new Logger('HttpExceptionFilter'),
): void {
  const language = negotiateLanguage(request.headers['accept-language']);
  const correlationId = currentCorrelationId() ?? String(request.headers[CORRELATION_HEADER] ?? request.id);
  const status = HTTP_STATUS[error.code];
  let errorId: string | undefined;
  if (status >= 500) {
    errorId = (error.meta?.errorId as string | undefined) ?? randomUUID();
    logger.error({
      msg: 'request failed',
      errorId,
      code: error.code,
      method: request.method,
      url: request.url.split('?')[0],
      err: exception instanceof DomainError ? (exception.cause ?? exception) : exception,
    });
  }
  if (error.retryAfterSeconds !== undefined) reply.header('Retry-After', String(error.retryAfterSeconds));
  else if (status === 503 || status === 504) reply.header('Retry-After', '5');

  reply
    .status(status)
    .header('content-language', language)
    .send({
      error: {
        code: error.code,
        message: errorMessage(error.code, language),
        issues: error.issues.map((issue) => ({ path: issue.path, reason: issue.reason, message: issueMessage(issue.reason, language) })),
        correlationId,
        ...(errorId ? { errorId } : {}),
        ...(error.retryAfterSeconds !== undefined ? { retryAfterSeconds: error.retryAfterSeconds } : {}),
      },
    });
}

function isFastifyError(value: unknown): value is { statusCode: number; code: string } {
  return typeof value === 'object' && value !== null && typeof (value as { statusCode?: unknown }).statusCode === 'number';
}
