import { Injectable, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance } from 'fastify';

/** Path of the RFC 8058 one-click unsubscribe route; the only route that reads a form-encoded body. */
export const ONE_CLICK_PATH = /^\/api\/v1\/subscriptions\/one-click\/[^/?#]+(?:\?.*)?$/;

/**
 * RFC 8058 mail clients POST `List-Unsubscribe=One-Click` as application/x-www-form-urlencoded. The gateway reads
 * JSON only; this parser accepts the form encoding for the one-click route alone (small bodies) and answers 415
 * everywhere else, as before.
 */
@Injectable()
export class OneClickBodyParser implements OnModuleInit {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance?.() as FastifyInstance | undefined;
    if (!fastify || fastify.hasContentTypeParser('application/x-www-form-urlencoded')) return;
    fastify.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 1024 }, (request, body, done) => {
      if (!ONE_CLICK_PATH.test(request.url)) {
        const error = Object.assign(new Error('Unsupported Media Type'), { statusCode: 415, code: 'FST_ERR_CTP_INVALID_MEDIA_TYPE' });
        done(error, undefined);
        return;
      }
      done(null, Object.fromEntries(new URLSearchParams(String(body))));
    });
  }
}
