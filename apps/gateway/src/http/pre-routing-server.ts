import type { FastifyServerFactory } from 'fastify';
import { createServer, type IncomingMessage, type ServerOptions, type ServerResponse } from 'node:http';

/** Answers a raw request and returns true, or returns false and leaves it untouched for Fastify. */
export type PreRoutingHandler = (request: IncomingMessage, response: ServerResponse) => boolean;

/** Told of an error the pre-routing handler threw, with the request's method and path (its query left out). */
export type PreRoutingErrorListener = (error: unknown, request: { method: string; path: string }) => void;

/** The options Fastify hands its server factory, with its defaults applied. */
interface FastifyServerOptions {
  http?: ServerOptions;
  keepAliveTimeout: number;
  requestTimeout: number;
  connectionTimeout: number;
  maxRequestsPerSocket: number;
}

/**
 * A Fastify `serverFactory` for the HTTP/1.1 server Fastify would make itself (same timeouts and limits), whose
 * requests are first offered to `preRouting`: what it answers never builds Fastify's request and reply, runs hooks or
 * reaches Nest; everything else goes on to Fastify unchanged. An error thrown before it wrote anything also hands the
 * request on, so the route answers it; either way `onError` hears of it.
 */
export function preRoutingServer(
  preRouting: () => PreRoutingHandler | undefined,
  onError: PreRoutingErrorListener,
): FastifyServerFactory {
  return (fastifyHandler, opts) => {
    const options = opts as unknown as FastifyServerOptions;
    const server = createServer(options.http ?? {}, (request, response) => {
      let answered = false;
      try {
        answered = preRouting()?.(request, response) ?? false;
      } catch (error) {
        answered = response.headersSent;
        onError(error, { method: request.method ?? '', path: (request.url ?? '').split('?', 1)[0] });
      }
      if (!answered) fastifyHandler(request, response);
    });
    server.keepAliveTimeout = options.keepAliveTimeout;
    server.requestTimeout = options.requestTimeout;
    server.setTimeout(options.connectionTimeout);
    if (options.maxRequestsPerSocket > 0) server.maxRequestsPerSocket = options.maxRequestsPerSocket;
    return server;
  };
}
