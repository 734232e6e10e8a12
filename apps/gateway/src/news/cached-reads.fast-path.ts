import { articleIdParamsSchema, latestQuerySchema, readQuerySchema, slugParamsSchema, type PublicArticle } from '@birgemiz/contracts';
import { Injectable } from '@nestjs/common';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ReadCacheService } from '../cache/read-cache.service';
import { requestedLocale } from './locale';
import { newsCacheKeys } from './news-cache-keys';
import { ViewEventsEmitter } from './view-events.emitter';

const ARTICLES = '/api/v1/news/articles/';
const BY_SLUG = `${ARTICLES}by-slug/`;
const LATEST = '/api/v1/news/latest';

/**
 * Answers public news reads that this gateway holds in memory before Nest's routing, pipes and serializer run: a hit
 * costs one map lookup and the JSON bytes made when the entry was first served. Everything else — a miss, a request
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

  /** Installs the hook; `fastPath` is resolved on first use (the hook must exist before Nest adds its routes). */
  static register(fastify: FastifyInstance, fastPath: () => CachedReadsFastPath | undefined): void {
    fastify.addHook('onRequest', (request, reply, done) => {
      if (!fastPath()?.tryAnswer(request, reply)) done();
    });
  }

  /** Answers the request from memory and returns true, or returns false and leaves it untouched. */
  tryAnswer(request: FastifyRequest, reply: FastifyReply): boolean {
    if (request.method !== 'GET' || !request.url.startsWith('/api/v1/news/')) return false;
    if (/\bno-cache\b/i.test(String(request.headers['cache-control'] ?? ''))) return false;
    const queryAt = request.url.indexOf('?');
    const path = queryAt < 0 ? request.url : request.url.slice(0, queryAt);
    const query = parseQuery(queryAt < 0 ? '' : request.url.slice(queryAt + 1));
    if (!query) return false;

    if (path === LATEST) {
      const parsed = latestQuerySchema.safeParse(query);
      if (!parsed.success) return false;
      const key = newsCacheKeys.latest(requestedLocale(request, parsed.data.locale), parsed.data.limit);
      return this.answer(reply, key, () => undefined);
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
    return this.answer(reply, newsCacheKeys.article(ref, locale), (article: PublicArticle) => this.views.viewed(article.id, article.locale));
  }

  private answer<T>(reply: FastifyReply, key: string, served: (value: T) => void): boolean {
    const entry = this.cache.peekLocal<T>('news', key);
    if (!entry) return false;
    served(entry.value);
    void reply.header('x-cache', 'hit').type('application/json; charset=utf-8').send(entry.body);
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
