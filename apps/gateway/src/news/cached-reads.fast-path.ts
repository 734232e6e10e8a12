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
 * handler, see preRoutingServer). A hit costs two map lookups (the URL's cache key, remembered from its first parse,
 * and the entry) and the JSON bytes made when the entry was first served, and carries the same headers as the route's
 * answer (the correlation id, `x-cache: hit`). Everything else — a miss, a request with `Cache-Control: no-cache`, any
 * query the fast path does not fully understand, a repeated parameter — goes on to the Nest route unchanged, which
 * validates it, answers it and fills the cache. Parsing and keys are the route's own (the same zod schemas, locale
 * negotiation and cache keys), and only entries of this process's memory are served, so a fast answer is exactly what
 * the route would have answered from the cache; article reads still count their view.
 */
@Injectable()
export class CachedReadsFastPath {
  constructor(
    private readonly cache: ReadCacheService,
    private readonly views: ViewEventsEmitter,
  ) {}

  /** What each recently seen URL (with its Accept-Language) reads, so a repeated request skips parsing it again. */
  private readonly targets = new Map<string, ReadTarget | null>();

  /** Answers the request from memory and returns true, or returns false and leaves it untouched. */
  tryAnswer(request: IncomingMessage, response: ServerResponse): boolean {
    const url = request.url ?? '';
    if (request.method !== 'GET' || !url.startsWith('/api/v1/news/')) return false;
    if (/\bno-cache\b/i.test(String(request.headers['cache-control'] ?? ''))) return false;
    const target = this.targetOf(url, request.headers['accept-language']);
    if (!target) return false;
    const entry = this.cache.peekLocal<PublicArticle>('news', target.key);
    if (!entry) return false;
    if (target.countsView) this.views.viewed(entry.value.id, entry.value.locale);
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

  private targetOf(url: string, acceptLanguage: string | undefined): ReadTarget | null {
    const memoKey = `${acceptLanguage ?? ''}\n${url}`;
    let target = this.targets.get(memoKey);
    if (target === undefined) {
      target = readTarget(url, acceptLanguage);
      if (this.targets.size >= MAX_REMEMBERED_TARGETS) this.targets.clear();
      this.targets.set(memoKey, target);
    }
    return target;
  }
}

/** The cache entry a public read is answered from, and whether serving it counts an article view. */
interface ReadTarget {
  key: string;
  countsView: boolean;
}

/** URLs whose targets are remembered; past it the memory starts afresh (an attacker's random URLs cannot grow it). */
const MAX_REMEMBERED_TARGETS = 10_000;

/** The route's own parsing of a read's URL into its cache key; null for anything the fast path leaves to the route. */
function readTarget(url: string, acceptLanguage: string | undefined): ReadTarget | null {
  const headers = { 'accept-language': acceptLanguage };
  const queryAt = url.indexOf('?');
  const path = queryAt < 0 ? url : url.slice(0, queryAt);
  const query = parseQuery(queryAt < 0 ? '' : url.slice(queryAt + 1));
  if (!query) return null;

  if (path === LATEST) {
    const parsed = latestQuerySchema.safeParse(query);
    if (!parsed.success) return null;
    return { key: newsCacheKeys.latest(requestedLocale({ headers }, parsed.data.locale), parsed.data.limit), countsView: false };
  }
  if (!path.startsWith(ARTICLES)) return null;
  const parsed = readQuerySchema.safeParse(query);
  if (!parsed.success) return null;
  const locale = requestedLocale({ headers }, parsed.data.locale);
  let ref: { articleId?: string; slug?: string };
  if (path.startsWith(BY_SLUG)) {
    const slug = decode(path.slice(BY_SLUG.length));
    if (slug === undefined || !slugParamsSchema.safeParse({ slug }).success) return null;
    ref = { slug };
  } else {
    const id = path.slice(ARTICLES.length);
    if (!articleIdParamsSchema.safeParse({ id }).success) return null;
    ref = { articleId: id };
  }
  return { key: newsCacheKeys.article(ref, locale), countsView: true };
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
