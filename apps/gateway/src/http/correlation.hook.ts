import { CORRELATION_HEADER } from '@birgemiz/contracts';
import { correlationIdFrom, runWithCorrelationId } from '@birgemiz/logging';
import type { FastifyInstance } from 'fastify';

/**
 * Every request runs inside a correlation id (the caller's `x-correlation-id` when well-formed, else a new one),
 * echoed in the response and carried on into Kafka headers and every log line.
 */
export function registerCorrelation(fastify: FastifyInstance): void {
  fastify.addHook('onRequest', (request, reply, done) => {
    const correlationId = correlationIdFrom(request.headers[CORRELATION_HEADER]);
    reply.header(CORRELATION_HEADER, correlationId);
    runWithCorrelationId(correlationId, done);
  });
}
