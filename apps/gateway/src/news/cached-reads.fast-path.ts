import {
  articleIdParamsSchema,
  CORRELATION_HEADER,
  latestQuerySchema,
  readQuerySchema,
  slugParamsSchema,
  type PublicArticle,
} from '@birgemiz/contracts';
import { correlationIdFrom } from '@birgemiz/logging';
import { Injectable } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ReadCacheService } from '../cache/read-cache.service';
import { requestedLocale } from './locale';
import { newsCacheKeys } from './news-cache-keys';
import { ViewEventsEmitter } from './view-events.emitter';

const ARTICLES = '/api/v1/news/articles/';
const BY_SLUG = `${ARTICLES}by-slug/`;
const LATEST = '/api/v1/news/latest';
const JSON_TYPE = 'application/json; charset=utf-8';

/**
 * Answers public news reads that this gateway holds in memory on the raw HTTP request, before Fastify builds its
 * request and reply and before Nest's routing, pipes and serializer run (it is the gateway server's pre-routing
 * handler, see preRoutingServer): a hit costs one map lookup and the JSON bytes made when the entry was first served,
 * and carries the same headers as the route's answer (the correlation id, `x-cache: hit`). Everything else — a miss, a request
 * with `Cache-Control: no-cache`, any query the fast path does not fully understand, a repeated parameter — goes on to
 * the Nest route unchanged, which validates it, answers it and fills the cache. Parsing and keys are the route's own
 * (the same zod schemas, locale negotiation and cache keys), and only entries of this process's memory are served, so
 * a fast answer is exactly what the route would have answered from the cache; article reads still count their view.
 */
@Injectable()
export class CachedReadsFastPath {
  constructor(
    private readonly cache: ReadCacheService,
    private readonly views: ViewEventsEmitter,
  ) {}

  /** Answers the request from memory and returns true, or returns false and leaves it untouched. */
  tryAnswer(request: IncomingMessage, response: ServerResponse): boolean {
    const url = request.url ?? '';
    if (request.method !== 'GET' || !url.startsWith('/api/v1/news/')) return false;
    if (/\bno-cache\b/i.test(String(request.headers['cache-control'] ?? ''))) return false;
    const queryAt = url.indexOf('?');
    const path = queryAt < 0 ? url : url.slice(0, queryAt);
    const query = parseQuery(queryAt < 0 ? '' : url.slice(queryAt + 1));
    if (!query) return false;

    if (path === LATEST) {
      const parsed = latestQuerySchema.safeParse(query);
      if (!parsed.success) return false;
      const key = newsCacheKeys.latest(requestedLocale(request, parsed.data.locale), parsed.data.limit);
      return this.answer(request, response, key, () => undefined);
    }
    if (!path.startsWith(ARTICLES)) return false;
    const parsed = readQuerySchema.safeParse(query);
    if (!parsed.success) return false;
    const locale = requestedLocale(request, parsed.data.locale);
    let ref: { articleId?: string; slug?: string };
    if (path.startsWith(BY_SLUG)) {
      const slug = decode(path.slice(BY_SLUG.length));
      if (slug === undefined || !slugParamsSchema.safeParse({ slug }).success) return false;
      ref = { slug };
    } else {
      const id = path.slice(ARTICLES.length);
      if (!articleIdParamsSchema.safeParse({ id }).success) return false;
      ref = { articleId: id };
    }
    return this.answer(request, response, newsCacheKeys.article(ref, locale), (article: PublicArticle) =>
      this.views.viewed(article.id, article.locale),
    );
  }

  private answer<T>(request: IncomingMessage, response: ServerResponse, key: string, served: (value: T) => void): boolean {
    const entry = this.cache.peekLocal<T>('news', key);
    if (!entry) return false;
    served(entry.value);
    response.writeHead(200, [
      CORRELATION_HEADER,
      correlationIdFrom(request.headers[CORRELATION_HEADER]),
      'x-cache',
      'hit',
      'content-type',
      JSON_TYPE,
      'content-length',
      String(entry.body.length),
    ]);
    response.end(entry.body);
    return true;
  }
}

/** The query as a plain object, or undefined when a parameter repeats (the route decides what that means). */
function parseQuery(raw: string): Record<string, string> | undefined {
  const params = new URLSearchParams(raw);
  const query: Record<string, string> = {};
  for (const [name, value] of params) {
    if (name in query) return undefined;
    query[name] = value;
  }
  return query;
}

function decode(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
