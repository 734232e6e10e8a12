import { ArticlePublished, Topics } from '@birgemiz/contracts';
import { testKafka, topicEnd, uniqueSuffix, waitFor, waitForMessages } from '@birgemiz/testing';
import { http, loginAs } from './http';
import { readState, restartApp, startApp, stopApp, writeState } from './platform';

/** Repeats a read until `done` holds (cached reads change once the gateway has consumed the change event). */
async function eventually<T extends { status: number; body: any; headers: Headers }>(read: () => Promise<T>, done: (answer: T) => boolean): Promise<T> {
  let last: T | undefined;
  await waitFor(
    async () => {
      last = await read();
      return done(last);
    },
    { timeoutMs: 30_000, intervalMs: 50, what: 'the read to reflect the change' },
  );
  return last!;
}

async function staffToken(role: 'editor' | 'coordinator'): Promise<string> {
  const state = readState();
  const admin = await loginAs(state.adminEmail, state.adminPassword);
  const email = `${role}-${uniqueSuffix()}@e2e.birgemiz.test`;
  const created = await http('POST', '/api/v1/staff/accounts', { token: admin, body: { email, displayName: role, role, password: `${role}-password-123` } });
  expect(created.status).toBe(201);
  return loginAs(email, `${role}-password-123`);
}

const KK = {
  title: 'Астанада жастар ағаш отырғызды',
  summary: 'Еріктілер қала саябағында үш жүз көшет отырғызды.',
  body: 'Сенбі күні **Астана** еріктілері саябақта жиналды.',
};
const RU = {
  title: 'Молодёжь Астаны посадила деревья',
  summary: 'Волонтёры высадили триста саженцев в городском парке.',
  body: 'В субботу **волонтёры** Астаны собрались в парке.',
};

describe('news through the gateway', () => {
  let editor: string;

  beforeAll(async () => {
    editor = await staffToken('editor');
  });

  async function create(body: Record<string, unknown>) {
    const answer = await http('POST', '/api/v1/news/staff/articles', { token: editor, body });
    expect(answer.status).toBe(201);
    return answer.body;
  }

  it('publishes per locale and serves the best locale by the fallback chain', async () => {
    const tag = `tree-${uniqueSuffix()}`;
    const article = await create({ region: 'astana', tags: [tag], translations: { 'kk-Cyrl': KK, ru: RU } });
    expect(article).toMatchObject({ status: 'draft', version: 1 });
    const slugs = Object.fromEntries(article.translations.map((t: { locale: string; slug: string }) => [t.locale, t.slug]));
    expect(slugs).toEqual({ 'kk-Cyrl': 'astanada-jastar-agash-otyrgyzdy', ru: 'molodezh-astany-posadila-derevia' });
    expect((await http('GET', `/api/v1/news/articles/${article.id}`)).status).toBe(404);

    const ruOnly = await http('POST', `/api/v1/news/staff/articles/${article.id}/publish`, { token: editor, body: { locales: ['ru'], expectedVersion: 1 } });
    expect(ruOnly.status).toBe(200);
    expect(ruOnly.body).toMatchObject({ status: 'published', version: 2 });

    const inLatin = await http('GET', `/api/v1/news/articles/${article.id}?locale=kk-Latn`);
    expect(inLatin.status).toBe(200);
    expect(inLatin.body).toMatchObject({ requestedLocale: 'kk-Latn', locale: 'ru', transliterated: false, title: RU.title });
    expect(inLatin.body.availableLocales).toEqual([{ locale: 'ru', slug: slugs.ru }]);

    await http('POST', `/api/v1/news/staff/articles/${article.id}/publish`, { token: editor, body: { locales: ['kk-Cyrl'] } });
    // Cached reads are dropped when the gateway consumes the article event: wait for it.
    const kkLatn = await eventually(
      () => http('GET', `/api/v1/news/articles/${article.id}`, { headers: { 'accept-language': 'kk-Latn' } }),
      (a) => a.body.locale === 'kk-Latn',
    );
    expect(kkLatn.body).toMatchObject({ locale: 'kk-Latn', sourceLocale: 'kk-Cyrl', transliterated: true, title: 'Astanada jastar ağaş otyrğyzdy' });
    const bySlug = await http('GET', `/api/v1/news/articles/by-slug/${slugs.ru}`, { headers: { 'accept-language': 'ru-RU,ru;q=0.9' } });
    expect(bySlug.body).toMatchObject({ id: article.id, locale: 'ru', body: RU.body });

    const listed = await http('GET', `/api/v1/news/articles?tag=${tag}&region=astana&locale=en`);
    expect(listed.body).toMatchObject({ total: 1, page: 1 });
    expect(listed.body.items[0]).toMatchObject({ id: article.id, locale: 'ru' });
    expect(listed.body.items[0].body).toBeUndefined();
    expect((await http('GET', `/api/v1/news/articles?tag=${tag}&hasLocale=en`)).body.total).toBe(0);
  });

  it('announces changes on the article topic in order, with growing versions and only public translations', async () => {
    const end = await topicEnd(testKafka(), Topics.NewsArticleV1);
    const article = await create({ translations: { ru: RU, en: { title: 'Volunteers plant trees', summary: 's', body: 'b' } } });
    await http('POST', `/api/v1/news/staff/articles/${article.id}/publish`, { token: editor, body: { locales: ['ru'] } });
    await http('PATCH', `/api/v1/news/staff/articles/${article.id}`, { token: editor, body: { expectedVersion: 2, tags: ['ecology'] } });
    await http('POST', `/api/v1/news/staff/articles/${article.id}/unpublish`, { token: editor, body: {} });
    const messages = await waitForMessages(testKafka(), Topics.NewsArticleV1, (m) => m.filter((x) => x.key === article.id).length >= 3, 20_000, end);
    const events = messages.filter((m) => m.key === article.id).map((m) => JSON.parse(m.value!));
    expect(events.map((e) => e.type)).toEqual([
      'kz.birgemiz.news.article.published',
      'kz.birgemiz.news.article.updated',
      'kz.birgemiz.news.article.unpublished',
    ]);
    expect(events.map((e) => e.data.version)).toEqual([2, 3, 4]);
    expect(events[0]).toMatchObject({ specversion: '1.0', source: '/birgemiz/news', subject: article.id, datacontenttype: 'application/json' });
    expect(events[0].data.translations.map((t: { locale: string }) => t.locale)).toEqual(['ru']);
    expect(events[1].data.tags).toEqual(['ecology']);
  });

  it('refuses a stale edit with 409 and keeps the newer text', async () => {
    const article = await create({ translations: { ru: RU } });
    const first = await http('PATCH', `/api/v1/news/staff/articles/${article.id}`, { token: editor, body: { expectedVersion: 1, translations: { ru: { ...RU, title: 'Первая правка' } } } });
    expect(first.status).toBe(200);
    const stale = await http('PATCH', `/api/v1/news/staff/articles/${article.id}`, {
      token: editor,
      headers: { 'accept-language': 'kk' },
      body: { expectedVersion: 1, translations: { ru: { ...RU, title: 'Вторая правка' } } },
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.code).toBe('CONFLICT');
    expect(stale.body.error.issues[0]).toMatchObject({ path: 'body.expectedVersion', reason: 'stale_version' });
    const current = await http('GET', `/api/v1/news/staff/articles/${article.id}`, { token: editor });
    expect(current.body.translations[0].title).toBe('Первая правка');
    expect(current.body.version).toBe(2);
  });

  it('keeps revisions and restores an earlier one as a new version', async () => {
    const article = await create({ translations: { ru: RU } });
    await http('PATCH', `/api/v1/news/staff/articles/${article.id}`, { token: editor, body: { expectedVersion: 1, translations: { ru: { ...RU, title: 'Изменённый заголовок' } } } });
    const revisions = await http('GET', `/api/v1/news/staff/articles/${article.id}/revisions`, { token: editor });
    expect(revisions.body.map((r: { version: number; action: string }) => [r.version, r.action])).toEqual([
      [2, 'update'],
      [1, 'create'],
    ]);
    const restored = await http('POST', `/api/v1/news/staff/articles/${article.id}/revisions/1/restore`, { token: editor, body: { expectedVersion: 2 } });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ version: 3 });
    expect(restored.body.translations[0].title).toBe(RU.title);
  });

  it('makes a machine-flagged kk-Latn draft from kk-Cyrl; saving it clears the flag', async () => {
    const article = await create({ translations: { 'kk-Cyrl': KK } });
    const made = await http('POST', `/api/v1/news/staff/articles/${article.id}/transliterate`, { token: editor, body: { expectedVersion: 1, from: 'kk-Cyrl', to: 'kk-Latn' } });
    expect(made.status).toBe(200);
    const latn = made.body.translations.find((t: { locale: string }) => t.locale === 'kk-Latn');
    expect(latn).toMatchObject({ title: 'Astanada jastar ağaş otyrğyzdy', machineTranslated: true, status: 'draft' });
    const saved = await http('PATCH', `/api/v1/news/staff/articles/${article.id}`, {
      token: editor,
      body: { expectedVersion: 2, translations: { 'kk-Latn': { title: latn.title, summary: latn.summary, body: latn.body } } },
    });
    expect(saved.body.translations.find((t: { locale: string }) => t.locale === 'kk-Latn').machineTranslated).toBe(false);
  });

  it('lists the latest news newest first and hides archived articles', async () => {
    const a = await create({ translations: { en: { title: `First ${uniqueSuffix()}`, summary: '', body: '' } } });
    await http('POST', `/api/v1/news/staff/articles/${a.id}/publish`, { token: editor, body: {} });
    const b = await create({ translations: { en: { title: `Second ${uniqueSuffix()}`, summary: '', body: '' } } });
    await http('POST', `/api/v1/news/staff/articles/${b.id}/publish`, { token: editor, body: {} });
    const latest = await http('GET', '/api/v1/news/latest?limit=2&locale=en');
    expect(latest.body.map((x: { id: string }) => x.id)).toEqual([b.id, a.id]);
    await http('POST', `/api/v1/news/staff/articles/${b.id}/archive`, { token: editor, body: {} });
    await eventually(() => http('GET', `/api/v1/news/articles/${b.id}`), (x) => x.status === 404);
    const after = await eventually(() => http('GET', '/api/v1/news/latest?limit=2&locale=en'), (x) => x.body[0].id !== b.id);
    expect(after.body[0].id).toBe(a.id);
  });

  it('caches public reads in Redis and drops them when the article changes', async () => {
    // The cache serves only once the gateway's invalidation consumer has joined its group.
    await eventually(() => http('GET', '/health/ready'), (x) => x.body.cache?.news === 'on');
    const article = await create({ translations: { en: { title: `Cached ${uniqueSuffix()}`, summary: '', body: 'first' } } });
    await http('POST', `/api/v1/news/staff/articles/${article.id}/publish`, { token: editor, body: {} });
    const first = await eventually(() => http('GET', `/api/v1/news/articles/${article.id}?locale=en`), (x) => x.status === 200);
    expect(first.headers.get('x-cache')).toBe('miss');
    // The "published" event may reach the gateway after the first read and drop it: read until it is served cached.
    const second = await eventually(() => http('GET', `/api/v1/news/articles/${article.id}?locale=en`), (x) => x.headers.get('x-cache') === 'hit');
    expect(second.body.body).toBe('first');
    // A hit is answered before Fastify's routing, with the same headers and body as the route's answer.
    expect(second.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const traced = await http('GET', `/api/v1/news/articles/${article.id}?locale=en`, { headers: { 'x-correlation-id': 'e2e-cached-read-0001' } });
    expect(traced.headers.get('x-cache')).toBe('hit');
    expect(traced.headers.get('x-correlation-id')).toBe('e2e-cached-read-0001');
    expect(traced.body).toEqual(second.body);
    await http('PATCH', `/api/v1/news/staff/articles/${article.id}`, {
      token: editor,
      body: { expectedVersion: 2, translations: { en: { title: first.body.title, summary: '', body: 'second' } } },
    });
    const fresh = await eventually(() => http('GET', `/api/v1/news/articles/${article.id}?locale=en`), (x) => x.body.body === 'second');
    expect(fresh.headers.get('x-cache')).toBe('miss');
    expect((await http('GET', `/api/v1/news/articles/${article.id}?locale=en`)).body.body).toBe('second');
  });

  it('counts each public read as one view', async () => {
    const article = await create({ translations: { ru: RU } });
    await http('POST', `/api/v1/news/staff/articles/${article.id}/publish`, { token: editor, body: {} });
    await Promise.all(Array.from({ length: 25 }, () => http('GET', `/api/v1/news/articles/${article.id}`)));
    const count = await waitFor(
      async () => {
        const staff = await http('GET', `/api/v1/news/staff/articles/${article.id}`, { token: editor });
        return staff.body.viewCount === 25 ? 25 : undefined;
      },
      { timeoutMs: 20_000, what: '25 views to be counted' },
    );
    expect(count).toBe(25);
  });

  it('holds comments for moderation, neutralises HTML and links, and counts approved ones', async () => {
    const article = await create({ translations: { ru: RU } });
    await http('POST', `/api/v1/news/staff/articles/${article.id}/publish`, { token: editor, body: {} });
    const posted = await http('POST', `/api/v1/news/articles/${article.id}/comments`, {
      body: { name: '<b>Айгерім</b>', text: 'Керемет! <script>alert(1)</script> https://spam.example.com/x' },
    });
    expect(posted.status).toBe(202);
    expect((await http('GET', `/api/v1/news/articles/${article.id}/comments`)).body.total).toBe(0);
    const pending = await http('GET', '/api/v1/news/staff/comments?status=pending&pageSize=100', { token: editor });
    const mine = pending.body.items.find((c: { id: string }) => c.id === posted.body.id);
    expect(mine).toMatchObject({ name: 'Айгерім', text: 'Керемет! [link: spam.example.com]' });
    expect((await http('POST', `/api/v1/news/staff/comments/${posted.body.id}/approve`, { token: editor })).status).toBe(200);
    const shown = await http('GET', `/api/v1/news/articles/${article.id}/comments`);
    expect(shown.body.items).toEqual([expect.objectContaining({ id: posted.body.id, name: 'Айгерім' })]);
    expect((await http('GET', `/api/v1/news/articles/${article.id}`)).body.commentCount).toBe(1);
  });

  it('lets only editors and admins manage articles', async () => {
    const coordinator = await staffToken('coordinator');
    const refused = await http('POST', '/api/v1/news/staff/articles', { token: coordinator, body: { translations: { ru: RU } } });
    expect(refused.status).toBe(403);
    expect((await http('GET', '/api/v1/news/staff/articles')).status).toBe(401);
  });

  describe('bad input gets a clear localized 4xx and stores nothing', () => {
    it.each([
      ['an unknown locale', { translations: { de: RU } }, 'body.translations.de'],
      ['a malformed slug', { translations: { ru: { ...RU, slug: 'Not A Slug!' } } }, 'body.translations.ru.slug'],
      ['an oversized body', { translations: { ru: { ...RU, body: 'х'.repeat(100_001) } } }, 'body.translations.ru.body'],
      ['HTML in a title', { translations: { ru: { ...RU, title: '<script>alert(1)</script>' } } }, 'body.translations.ru.title'],
      ['no translation', { translations: {} }, 'body.translations'],
      ['an unknown region', { region: 'atlantis', translations: { ru: RU } }, 'body.region'],
    ])('refuses %s', async (_what, body, path) => {
      const before = (await http('GET', '/api/v1/news/staff/articles?pageSize=1', { token: editor })).body.total;
      const answer = await http('POST', '/api/v1/news/staff/articles', { token: editor, body, headers: { 'accept-language': 'ru' } });
      expect(answer.status).toBe(400);
      expect(answer.body.error.message).toBe('Данные запроса заполнены неверно.');
      expect(answer.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
      expect((await http('GET', '/api/v1/news/staff/articles?pageSize=1', { token: editor })).body.total).toBe(before);
    });

    it.each([
      ['/api/v1/news/articles?pageSize=1000000000'],
      ['/api/v1/news/articles?from=yesterday'],
      ['/api/v1/news/articles?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z'],
      ['/api/v1/news/articles?locale=de'],
      ['/api/v1/news/articles/not-a-uuid'],
      ['/api/v1/news/articles/by-slug/Bad%20Slug'],
      ['/api/v1/news/latest?limit=-1'],
    ])('refuses %s with 400', async (path) => {
      expect((await http('GET', path)).status).toBe(400);
    });

    it('refuses a schedule in the past', async () => {
      const article = await create({ translations: { ru: RU } });
      const answer = await http('POST', `/api/v1/news/staff/articles/${article.id}/schedule`, { token: editor, body: { publishAt: '2020-01-01T00:00:00Z' } });
      expect(answer.status).toBe(400);
      expect(answer.body.error.issues[0]).toMatchObject({ path: 'body.publishAt', reason: 'date_in_past' });
    });
  });

  it('publishes a scheduled article exactly once with two news instances running', async () => {
    const state = readState();
    const secondPid = startApp(state, 'news');
    try {
      const end = await topicEnd(testKafka(), Topics.NewsArticleV1);
      const article = await create({ translations: { ru: RU, en: { title: 'Scheduled', summary: '', body: '' } } });
      const publishAt = new Date(Date.now() + 3_000).toISOString();
      const scheduled = await http('POST', `/api/v1/news/staff/articles/${article.id}/schedule`, { token: editor, body: { publishAt, locales: ['en'] } });
      expect(scheduled.body).toMatchObject({ status: 'scheduled', scheduledLocales: ['en'] });
      await waitFor(async () => (await http('GET', `/api/v1/news/articles/${article.id}?locale=en`)).status === 200, { timeoutMs: 15_000, what: 'the scheduled publication' });
      const live = await http('GET', `/api/v1/news/staff/articles/${article.id}`, { token: editor });
      expect(live.body).toMatchObject({ status: 'published', scheduledAt: null });
      expect(new Date(live.body.firstPublishedAt).getTime()).toBeGreaterThanOrEqual(new Date(publishAt).getTime());
      await new Promise((r) => setTimeout(r, 2_500));
      const revisions = await http('GET', `/api/v1/news/staff/articles/${article.id}/revisions`, { token: editor });
      expect(revisions.body.filter((r: { action: string }) => r.action === 'scheduled-publish')).toHaveLength(1);
      const messages = await waitForMessages(testKafka(), Topics.NewsArticleV1, (m) => m.some((x) => x.key === article.id), 20_000, end);
      expect(messages.filter((m) => m.key === article.id && JSON.parse(m.value!).type === ArticlePublished.type)).toHaveLength(1);
    } finally {
      await stopApp(secondPid, 'SIGTERM');
    }
  });

  it('keeps the exact view count when the news service is killed during a burst of 10,000 view events', async () => {
    const article = await create({ translations: { ru: RU } });
    await http('POST', `/api/v1/news/staff/articles/${article.id}/publish`, { token: editor, body: {} });
    const kafka = testKafka();
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    const burst = Array.from({ length: 10_000 }, (_, i) => ({
      key: article.id,
      value: JSON.stringify({
        specversion: '1.0',
        id: `view-${i}-${article.id}`,
        source: '/birgemiz/gateway',
        type: 'kz.birgemiz.news.article.viewed',
        time: new Date().toISOString(),
        subject: article.id,
        datacontenttype: 'application/json',
        data: { viewId: '00000000-0000-4000-8000-' + String(i).padStart(12, '0'), articleId: article.id, locale: 'ru', viewedAt: new Date().toISOString() },
      }),
    }));
    const sending = (async () => {
      for (let i = 0; i < burst.length; i += 500) {
        await producer.send({ topic: Topics.NewsArticleViewV1, acks: -1, messages: burst.slice(i, i + 500) });
      }
    })();
    await waitFor(async () => (await http('GET', `/api/v1/news/staff/articles/${article.id}`, { token: editor })).body.viewCount > 0, {
      timeoutMs: 20_000,
      what: 'the first views to be counted',
    });
    await stopApp(readState().pids.news, 'SIGKILL');
    await sending;
    await producer.disconnect();
    const partial = (await http('GET', `/api/v1/news/staff/articles/${article.id}`, { token: editor })).status;
    expect(partial).toBe(504);
    restartApp('news');
    const final = await waitFor(
      async () => {
        const answer = await http('GET', `/api/v1/news/staff/articles/${article.id}`, { token: editor });
        return answer.status === 200 && answer.body.viewCount === 10_000 ? answer.body.viewCount : undefined;
      },
      { timeoutMs: 60_000, intervalMs: 500, what: 'all 10,000 views counted' },
    );
    expect(final).toBe(10_000);
    await new Promise((r) => setTimeout(r, 2_000));
    expect((await http('GET', `/api/v1/news/staff/articles/${article.id}`, { token: editor })).body.viewCount).toBe(10_000);
    writeState(readState());
  });
});
