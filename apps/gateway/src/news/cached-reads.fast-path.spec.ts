import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ReadCacheService } from '../cache/read-cache.service';
import { CachedReadsFastPath } from './cached-reads.fast-path';
import type { ViewEventsEmitter } from './view-events.emitter';

const ID = '0b9c7a4e-5d1f-4c55-9a57-3f0f3f7e2a11';

/** A cache holding exactly the given keys of the news namespace. */
function setup(entries: Record<string, unknown>) {
  const peeked: string[] = [];
  const cache = {
    peekLocal: (_ns: string, key: string) => {
      peeked.push(key);
      return key in entries ? { value: entries[key], body: Buffer.from(JSON.stringify(entries[key])) } : undefined;
    },
  } as unknown as ReadCacheService;
  const viewed: [string, string][] = [];
  const views = { viewed: (id: string, locale: string) => viewed.push([id, locale]) } as unknown as ViewEventsEmitter;
  return { fastPath: new CachedReadsFastPath(cache, views), peeked, viewed };
}

function request(url: string, headers: Record<string, string> = {}, method = 'GET'): IncomingMessage {
  return { method, url, headers } as unknown as IncomingMessage;
}

/** A response recording its status, headers (given as Node's flat name/value list) and body. */
function reply() {
  const sent: { status?: number; headers: Record<string, string>; body?: Buffer } = { headers: {} };
  const r = {
    writeHead: (status: number, headers: string[]) => {
      sent.status = status;
      for (let i = 0; i < headers.length; i += 2) sent.headers[headers[i]] = headers[i + 1];
      return r;
    },
    end: (body: Buffer) => ((sent.body = body), r),
  };
  return { reply: r as unknown as ServerResponse, sent };
}

describe('CachedReadsFastPath', () => {
  const article = { id: ID, locale: 'kk-Latn', title: 'Sálem' };

  it('answers an article held in memory with its JSON, marks the hit and counts the view in the served locale', () => {
    const { fastPath, viewed } = setup({ [`article:${ID}:kk-Latn`]: article });
    const { reply: r, sent } = reply();
    expect(fastPath.tryAnswer(request(`/api/v1/news/articles/${ID}?locale=kk-Latn`), r)).toBe(true);
    expect(JSON.parse(sent.body?.toString('utf8') ?? '')).toEqual(article);
    expect(sent.status).toBe(200);
    expect(sent.headers).toMatchObject({
      'x-cache': 'hit',
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(sent.body?.length),
    });
    expect(sent.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(viewed).toEqual([[ID, 'kk-Latn']]);
  });

  it('echoes a well-formed correlation id of the caller and replaces a malformed one', () => {
    const { fastPath } = setup({ 'latest:en:6': [article] });
    const kept = reply();
    fastPath.tryAnswer(request('/api/v1/news/latest?locale=en', { 'x-correlation-id': 'caller-id-0001' }), kept.reply);
    expect(kept.sent.headers['x-correlation-id']).toBe('caller-id-0001');
    const replaced = reply();
    fastPath.tryAnswer(request('/api/v1/news/latest?locale=en', { 'x-correlation-id': 'bad id <script>' }), replaced.reply);
    expect(replaced.sent.headers['x-correlation-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('uses the route’s keys: Accept-Language when no locale is asked, the default limit of latest, slugs', () => {
    const { fastPath, peeked } = setup({});
    fastPath.tryAnswer(request(`/api/v1/news/articles/${ID}`, { 'accept-language': 'ru-RU,ru;q=0.9' }), reply().reply);
    fastPath.tryAnswer(request('/api/v1/news/latest?locale=en'), reply().reply);
    fastPath.tryAnswer(request('/api/v1/news/articles/by-slug/astana-volunteers?locale=ru'), reply().reply);
    expect(peeked).toEqual([`article:${ID}:ru`, 'latest:en:6', 'slug:astana-volunteers:ru']);
  });

  it('parses a repeated URL once but keeps the Accept-Language of each request in its key', () => {
    const { fastPath, peeked } = setup({});
    const url = `/api/v1/news/articles/${ID}`;
    fastPath.tryAnswer(request(url, { 'accept-language': 'en' }), reply().reply);
    fastPath.tryAnswer(request(url, { 'accept-language': 'en' }), reply().reply);
    fastPath.tryAnswer(request(url, { 'accept-language': 'ru' }), reply().reply);
    fastPath.tryAnswer(request(url), reply().reply);
    expect(peeked).toEqual([`article:${ID}:en`, `article:${ID}:en`, `article:${ID}:ru`, `article:${ID}:kk-Cyrl`]);
  });

  it('still leaves a URL to the route the second time it sees it', () => {
    const { fastPath } = setup({ [`article:${ID}:kk-Latn`]: article });
    const url = `/api/v1/news/articles/${ID}?locale=kk-Latn&x=1`;
    expect(fastPath.tryAnswer(request(url), reply().reply)).toBe(false);
    expect(fastPath.tryAnswer(request(url), reply().reply)).toBe(false);
  });

  it.each([
    ['a miss', `/api/v1/news/articles/${ID}?locale=ru`, {}, 'GET'],
    ['no-cache', `/api/v1/news/articles/${ID}?locale=kk-Latn`, { 'cache-control': 'no-cache' }, 'GET'],
    ['a POST', `/api/v1/news/articles/${ID}?locale=kk-Latn`, {}, 'POST'],
    ['an unknown query parameter', `/api/v1/news/articles/${ID}?locale=kk-Latn&x=1`, {}, 'GET'],
    ['a repeated parameter', `/api/v1/news/articles/${ID}?locale=kk-Latn&locale=ru`, {}, 'GET'],
    ['an unknown locale', `/api/v1/news/articles/${ID}?locale=xx`, {}, 'GET'],
    ['a malformed id', '/api/v1/news/articles/not-a-uuid?locale=kk-Latn', {}, 'GET'],
    ['a sub-resource', `/api/v1/news/articles/${ID}/comments?locale=kk-Latn`, {}, 'GET'],
    ['latest with a limit out of range', '/api/v1/news/latest?limit=1000', {}, 'GET'],
    ['a broken escape in a slug', '/api/v1/news/articles/by-slug/%E0%A4%A?locale=kk-Latn', {}, 'GET'],
    ['another route', '/api/v1/campaigns', {}, 'GET'],
  ])('leaves %s to the route', (_what, url, headers, method) => {
    const { fastPath, viewed } = setup({ [`article:${ID}:kk-Latn`]: article });
    const { reply: r, sent } = reply();
    expect(fastPath.tryAnswer(request(url, headers, method), r)).toBe(false);
    expect(sent.body).toBeUndefined();
    expect(viewed).toEqual([]);
  });
});
