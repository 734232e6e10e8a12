import { CORRELATION_HEADER } from '@birgemiz/contracts';
import { DomainError, ErrorCode, validationErrorFromZod, type WireError } from '@birgemiz/errors';
import { correlationIdFrom, runWithCorrelationId } from '@birgemiz/logging';
import {
  Catch,
  Injectable,
  Logger,
  type ArgumentsHost,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
  type RpcExceptionFilter,
} from '@nestjs/common';
import type { KafkaContext } from '@nestjs/microservices';
import { randomUUID } from 'node:crypto';
import { Observable, throwError } from 'rxjs';
import type { ZodType, ZodTypeDef } from 'zod';

/** Runs each request-reply handler inside the caller's correlation id, so its logs carry it. */
@Injectable()
export class RpcCorrelationInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const kafka = context.switchToRpc().getContext<KafkaContext>();
    const header = kafka.getMessage?.().headers?.[CORRELATION_HEADER];
    const correlationId = correlationIdFrom(Array.isArray(header) ? header[0] : header);
    return new Observable((subscriber) =>
      runWithCorrelationId(correlationId, () => next.handle().subscribe(subscriber)),
    );
  }
}

/**
 * Maps exceptions of request-reply handlers to the wire error the gateway understands. Domain errors keep their
 * code; anything else becomes INTERNAL with an error id, and the details stay in this service's log.
 */
@Catch()
export class RpcDomainExceptionFilter implements RpcExceptionFilter<unknown> {
  private readonly logger = new Logger('RpcExceptionFilter');

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    if (exception instanceof DomainError) {
      return throwError(() => exception.toWire());
    }
    const errorId = randomUUID();
    this.logger.error({ err: exception, errorId, msg: 'unhandled error in request handler' });
    const wire: WireError = { code: ErrorCode.Internal, message: 'Internal error', issues: [], errorId };
    return throwError(() => wire);
  }
}

/** Validates a request-reply payload; a bad one is a VALIDATION_FAILED domain error. */
export function parseRpc<T>(schema: ZodType<T, ZodTypeDef, unknown>, data: unknown, root = 'body'): T {
  const result = schema.safeParse(data);
  if (!result.success) throw validationErrorFromZod(result.error, root);
  return result.data;
}
