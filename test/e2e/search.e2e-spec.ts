import { uniqueSuffix, waitFor } from '@birgemiz/testing';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { http, loginAs } from './http';
import { restartApp, ROOT, readState, stopApp } from './platform';

/**
 * Search through the real event path: articles created and published through the gateway, announced by news
 * through its outbox on Kafka, indexed by the search service, searched through the gateway.
 * The shared corpus is read from ../shared/data (never copied into the repository).
 */
interface CorpusArticle {
  ref: number;
  region: string | null;
  tags: string[];
  translations: Record<string, { title: string; summary?: string; body: string }>;
}
interface SearchCase {
  q: string;
  top: number[];
}

const DATA = join(ROOT, '..', 'shared', 'data');
const corpus = (JSON.parse(readFileSync(join(DATA, 'articles.json'), 'utf8')) as { articles: CorpusArticle[] }).articles;
const cases = (JSON.parse(readFileSync(join(DATA, 'search-queries.json'), 'utf8')) as { cases: SearchCase[] }).cases;

async function staffToken(role: 'editor' | 'admin'): Promise<string> {
  const state = readState();
  const admin = await loginAs(state.adminEmail, state.adminPassword);
  if (role === 'admin') return admin;
  const email = `search-${role}-${uniqueSuffix()}@e2e.birgemiz.test`;
  const created = await http('POST', '/api/v1/staff/accounts', { token: admin, body: { email, displayName: role, role, password: `${role}-password-123` } });
  expect(created.status).toBe(201);
  return loginAs(email, `${role}-password-123`);
}

const search = (query: Record<string, string | number>, token?: string) =>
  http('GET', `/api/v1/search${token ? '/staff' : ''}?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]))}`, { token });

describe('search through the gateway (news → Kafka → search)', () => {
  let editor: string;
  let admin: string;
  const runTag = `search-e2e-${uniqueSuffix()}`;
  const idByRef = new Map<number, string>();
  const refById = new Map<string, number>();

  beforeAll(async () => {
    editor = await staffToken('editor');
    admin = await staffToken('admin');
    for (const article of corpus) {
      const created = await http('POST', '/api/v1/news/staff/articles', {
        token: editor,
        body: { region: article.region, tags: [...article.tags, runTag], translations: article.translations },
      });
      expect(created.status).toBe(201);
      idByRef.set(article.ref, created.body.id);
      refById.set(created.body.id, article.ref);
      const published = await http('POST', `/api/v1/news/staff/articles/${created.body.id}/publish`, { token: editor, body: {} });
      expect(published.status).toBe(200);
    }
    await waitFor(async () => (await countTagged()) === corpus.length, {
      timeoutMs: 30_000,
      what: 'the corpus to be searchable',
    });
  }, 120_000);

  /** How many corpus articles of this run public search finds by their own title. */
  async function countTagged(): Promise<number> {
    let found = 0;
    for (const article of corpus) {
      const title = Object.values(article.translations)[0].title.replace(/"/g, '').split(/\s+/).slice(0, 8).join(' ');
      const answer = await search({ q: title, tag: runTag, pageSize: 5 });
      if ((answer.body.hits ?? []).some((h: { articleId: string }) => h.articleId === idByRef.get(article.ref))) found += 1;
    }
    return found;
  }

  describe('the shared relevance cases, ranked among this run’s articles', () => {
    it.each(cases.map((c) => [c.q, c.top] as const))('%s → %j', async (q, top) => {
      const answer = await search({ q, tag: runTag, pageSize: 5 });
      expect(answer.status).toBe(200);
      const refs = answer.body.hits.map((h: { articleId: string }) => refById.get(h.articleId));
      for (const ref of top) {
        const rank = refs.indexOf(ref) + 1;
        expect({ q, ref, inTop5: rank > 0 && rank <= 5, refs }).toMatchObject({ inTop5: true });
      }
      if (top.length === 1) expect(refs[0]).toBe(top[0]);
    });
  });

  it('names the article, the matched locale and its slug, with highlights', async () => {
    const answer = await search({ q: 'qazaq tılı', tag: runTag });
    const hit = answer.body.hits[0];
    expect(hit).toMatchObject({ articleId: idByRef.get(9), locale: 'kk-Latn' });
    expect(hit.slug).toMatch(/^[a-z0-9-]+$/);
    expect(hit.titleHighlighted).toContain('<mark>qazaq</mark> <mark>tılı</mark>');
    expect(answer.body).toMatchObject({ engine: 'postgres', page: 1, sort: 'relevance' });
  });

  it('an article published through the gateway becomes searchable; drafts and unpublished translations never are', async () => {
    const word = `зебра${randomLetters()}`;
    const created = await http('POST', '/api/v1/news/staff/articles', {
      token: editor,
      body: {
        tags: [runTag],
        translations: { ru: { title: `Новость про ${word}`, body: 'Опубликованный текст.' }, 'kk-Cyrl': { title: `${word} жобасы`, body: 'Жоба дайындалуда.' } },
      },
    });
    const id = created.body.id;
    // Draft: staff search finds it (once indexed), public search never does.
    await waitFor(async () => (await search({ q: word }, editor)).body.hits?.length === 1, { what: 'the draft in staff search' });
    expect((await search({ q: word })).body.hits).toEqual([]);

    await http('POST', `/api/v1/news/staff/articles/${id}/publish`, { token: editor, body: { locales: ['ru'] } });
    const published = await waitFor(async () => {
      const answer = await search({ q: word });
      return answer.body.hits?.length === 1 ? answer.body : null;
    }, { what: 'the published article in public search' });
    expect(published.hits[0]).toMatchObject({ articleId: id, locale: 'ru' });
    // The Kazakh translation is still a draft: not matched publicly, found by staff with its status.
    expect((await search({ q: `${word} жобасы`, locale: 'kk-Cyrl' })).body.hits).toEqual([]);
    const staff = await search({ q: `${word} жобасы`, locale: 'kk-Cyrl', facets: 'status,locale' }, editor);
    expect(staff.body.hits[0]).toMatchObject({ articleId: id, locale: 'kk-Cyrl', translationStatus: 'draft', status: 'published' });
    expect(staff.body.facets.status).toEqual([{ value: 'published', count: 1 }]);

    await http('POST', `/api/v1/news/staff/articles/${id}/unpublish`, { token: editor, body: {} });
    await waitFor(async () => (await search({ q: word })).body.hits?.length === 0, { what: 'the unpublished article to leave public search' });
    const archive = await search({ q: word, status: 'unpublished' }, editor);
    expect(archive.body.hits.map((h: { articleId: string }) => h.articleId)).toEqual([id]);
  });

  it('refuses bad input with a clear 400 and never shows drafts to the public', async () => {
    const cases: [Record<string, string | number>, string, string][] = [
      [{ q: 'а'.repeat(2000) }, 'query.q', 'too_big'],
      [{ q: 'волонтеры "полицейские' }, 'query.q', 'unbalanced_quotes'],
      [{ q: '" OR status = draft' }, 'query.q', 'unbalanced_quotes'],
      [{ q: 'x', tag: 'a" OR status = "draft' }, 'query.tag', 'invalid_characters'],
      [{ q: 'x', page: -1 }, 'query.page', 'too_small'],
      [{ q: 'x', pageSize: 500 }, 'query.pageSize', 'too_big'],
      [{ q: 'x', status: 'draft' }, 'query.status', 'unrecognized_keys'],
      [{ q: '!!!' }, 'query.q', 'no_search_words'],
    ];
    for (const [query, path, reason] of cases) {
      const answer = await search(query, undefined);
      expect({ query, status: answer.status }).toEqual({ query, status: 400 });
      expect(answer.body.error.issues.map((i: { path: string; reason: string }) => `${i.path}:${i.reason}`)).toContain(`${path}:${reason}`);
    }
    const unknownFacet = await search({ q: 'x', facets: 'locale,secret' }, editor);
    expect(unknownFacet.status).toBe(400);
    expect(unknownFacet.body.error.issues[0]).toMatchObject({ reason: 'invalid_enum_value' });
    const ru = await search({ q: '" OR status = draft' }, undefined);
    expect(ru.status).toBe(400);
    // The injection as plain words finds nothing private.
    const words = await search({ q: 'OR status draft', pageSize: 50 });
    expect(words.status).toBe(200);
    expect(words.body.hits.every((h: { status?: string }) => h.status === undefined)).toBe(true);
    expect((await search({ q: 'x' }, undefined)).status).toBe(200);
    expect((await http('GET', '/api/v1/search/staff?q=x')).status).toBe(401);
    expect((await http('POST', '/api/v1/search/staff/index/rebuild', { token: editor })).status).toBe(403);
  });

  it('a killed search service catches up after a restart: the index equals the news service’s published set', async () => {
    const state = readState();
    const word = `kitap${randomLetters()}`;
    await stopApp(state.pids.search, 'SIGKILL');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const created = await http('POST', '/api/v1/news/staff/articles', { token: editor, body: { tags: [runTag], translations: { en: { title: `${word} number ${i}`, body: 'b' } } } });
      ids.push(created.body.id);
      await http('POST', `/api/v1/news/staff/articles/${created.body.id}/publish`, { token: editor, body: {} });
    }
    await http('POST', `/api/v1/news/staff/articles/${ids[0]}/unpublish`, { token: editor, body: {} });
    restartApp('search');
    const expected = JSON.stringify(ids.slice(1).sort());
    const found = await waitFor(async () => {
      const answer = await search({ q: word, pageSize: 20 });
      const got = answer.status === 200 ? JSON.stringify(answer.body.hits.map((h: { articleId: string }) => h.articleId).sort()) : '';
      return got === expected ? answer.body : null;
    }, { timeoutMs: 60_000, what: 'the restarted search service to catch up' });
    expect(found.hits.map((h: { articleId: string }) => h.articleId).sort()).toEqual(ids.slice(1).sort());
    await waitFor(async () => (await http('GET', '/health/ready')).status === 200, { timeoutMs: 60_000, what: 'readiness' });
  });

  it('rebuilds the index under live search load without errors, and the drift check finds it consistent', async () => {
    // A rebuild the service started by itself (first start of a new index) must finish first: a second one is a 409.
    await waitFor(async () => (await http('GET', '/api/v1/search/staff/index', { token: editor })).body.rebuild?.state !== 'running', {
      timeoutMs: 60_000,
      intervalMs: 200,
      what: 'no rebuild to be running',
    });
    const started = await http('POST', '/api/v1/search/staff/index/rebuild', { token: admin });
    expect(started.status).toBe(202);
    const statuses: number[] = [];
    let done = false;
    const load = (async () => {
      while (!done) {
        const answer = await search({ q: 'волонтеры', tag: runTag, pageSize: 5 });
        statuses.push(answer.status);
      }
    })();
    const finished = await waitFor(async () => {
      const status = await http('GET', '/api/v1/search/staff/index', { token: editor });
      return status.body.rebuild?.state === 'succeeded' || status.body.rebuild?.state === 'failed' ? status.body : null;
    }, { timeoutMs: 60_000, intervalMs: 200, what: 'the rebuild' });
    done = true;
    await load;
    expect(finished.rebuild).toMatchObject({ state: 'succeeded', error: null });
    expect(finished.rebuild.processed).toBe(finished.rebuild.total);
    expect(statuses.length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s !== 200)).toEqual([]);

    const drift = await http('POST', '/api/v1/search/staff/index/drift-check', { token: admin });
    expect(drift.status).toBe(200);
    expect(drift.body.staff).toMatchObject({ missing: 0, extra: 0 });
    expect(drift.body.public).toMatchObject({ missing: 0, extra: 0 });
    expect(drift.body.public.expected).toBe(drift.body.public.indexed);
    const ranked = await search({ q: 'наводнение Петропавловск', tag: runTag });
    expect(refById.get(ranked.body.hits[0].articleId)).toBe(7);
  });
});

/**
 * A word no other test writes: letters only and no shared prefix (ids made from timestamps share their first
 * characters, and typo tolerance would let them match each other).
 */
function randomLetters(length = 8): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return Array.from({ length }, () => letters[Math.floor(Math.random() * letters.length)]).join('');
}
