import { cloneTemplateDatabase, templateDatabase } from '@birgemiz/testing';
import { DataSource } from 'typeorm';
import { searchDataSourceOptions } from '../../database/data-source';
import type { TranslationDocument } from '../../documents/search-document';
import { IndexStateRepository } from '../../indexing/index-state.repository';
import { SearchService } from '../../search/search.service';
import { PostgresEntriesRepository } from './postgres-entries.repository';
import { HOT_CANDIDATES, HOT_MIN, HOT_TITLE_CANDIDATES, RECENT_WINDOWS } from './postgres-query';
import { PostgresSearchEngine } from './postgres-search.engine';

/**
 * The recent windows of the PostgreSQL engine against a real database: a rebuilt scope larger than the small
 * window gets its partial indexes; a word in every document is answered from the newest rows only (and flagged as
 * capped); words with too few matches in the window are counted over the whole scope, exactly.
 */
const SMALL = RECENT_WINDOWS[0];
const ARTICLES = SMALL.rows + 600;
/** Every 25th article: fewer than HOT_MIN of them among the newest SMALL.rows, more than HOT_MIN in all. */
const MID_EVERY = 25;
/** The oldest articles only, outside any window. */
const RARE_OLDEST = 30;

/** A letters-only word of its own per article (the word list keeps no words with digits): 123 → "словобвг". */
function ownWord(i: number): string {
  return `слово${[...String(i)].map((d) => 'абвгдежзик'[Number(d)]).join('')}`;
}

function articleId(i: number): string {
  return `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
}

/** Article i was published i minutes before the newest one (article 0). */
function document(i: number, newest: number): TranslationDocument {
  const date = new Date(newest - i * 60_000).toISOString();
  const words = ['волонтер', ownWord(i)];
  if (i % MID_EVERY === 0) words.push('субботник');
  if (i >= ARTICLES - RARE_OLDEST) words.push('бурабай');
  return {
    articleId: articleId(i),
    locale: 'ru',
    version: 1,
    articleStatus: 'published',
    translationStatus: 'published',
    region: null,
    tags: [],
    publishedAt: date,
    sortDate: date,
    updatedAt: date,
    title: `Новость ${i}`,
    summary: 'Короткое описание события.',
    body: `Текст о том, как ${words.join(' ')} помогал городу.`,
    slug: `novost-${i}`,
  };
}

describe('PostgreSQL engine: recent windows', () => {
  let db: Awaited<ReturnType<typeof cloneTemplateDatabase>>;
  let dataSource: DataSource;
  let entries: PostgresEntriesRepository;
  let search: SearchService;
  const newest = Date.parse('2026-06-01T12:00:00Z');

  beforeAll(async () => {
    db = await cloneTemplateDatabase(templateDatabase());
    dataSource = await new DataSource(searchDataSourceOptions(db.url, 4)).initialize();
    entries = new PostgresEntriesRepository(dataSource);
    const engine = new PostgresSearchEngine(entries);
    await engine.init();
    search = new SearchService(engine);
    const state = new IndexStateRepository(dataSource);
    await state.clearRebuildVersions('public');
    const target = await engine.beginRebuild('public');
    const docs = Array.from({ length: ARTICLES }, (_, i) => document(i, newest));
    for (let i = 0; i < docs.length; i += 500) await target.write(docs.slice(i, i + 500));
    await state.recordRebuildVersions('public', docs.map((d) => ({ articleId: d.articleId, version: 1, removed: false })));
    await target.seal();
    await state.withScopeLocked('public', (tx, newer) => target.swap(newer, tx));
  }, 120_000);

  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it('gives a rebuilt scope the windows it is large enough for, bounded by the newest rows', async () => {
    const windows = await entries.recentWindows('public');
    // ARTICLES rows: enough for the small window only.
    expect(windows.map((w) => w.window.name)).toEqual([SMALL.name]);
    expect(windows[0].since.toISOString()).toBe(new Date(newest - (SMALL.rows - 1) * 60_000).toISOString());
  });

  it('answers a word found in every document from the newest rows, flagged as capped', async () => {
    const since = (await entries.recentWindows('public'))[0].since.getTime();
    const result = await search.publicSearch({ q: 'волонтер', sort: 'relevance', page: 1, pageSize: 50 });
    expect(result.totalIsCapped).toBe(true);
    expect(result.hits).toHaveLength(50);
    // At most the window's candidates are ranked, and every one of them is recent.
    expect(result.total).toBeGreaterThanOrEqual(HOT_MIN);
    expect(result.total).toBeLessThanOrEqual(HOT_CANDIDATES + HOT_TITLE_CANDIDATES);
    for (const hit of result.hits) expect(Date.parse(hit.publishedAt!)).toBeGreaterThanOrEqual(since);
  });

  it('counts a word with too few matches in the window over the whole scope, exactly', async () => {
    const mid = await search.publicSearch({ q: 'субботник', sort: 'relevance', page: 1, pageSize: 10 });
    expect(Math.floor((SMALL.rows - 1) / MID_EVERY) + 1).toBeLessThan(HOT_MIN);
    expect(mid.total).toBe(Math.floor((ARTICLES - 1) / MID_EVERY) + 1);
    expect(mid.totalIsCapped).toBe(false);

    const rare = await search.publicSearch({ q: 'бурабай', sort: 'relevance', page: 1, pageSize: 50 });
    expect(rare.total).toBe(RARE_OLDEST);
    expect(rare.totalIsCapped).toBe(false);
    expect(new Set(rare.hits.map((h) => h.articleId))).toEqual(
      new Set(Array.from({ length: RARE_OLDEST }, (_, k) => articleId(ARTICLES - RARE_OLDEST + k))),
    );
  });

  it('expands the last word as a prefix into the indexed words it begins', async () => {
    // "словоб" (1) begins the words of 1, 10–19, 100–199 and 1000–1999: more than 64, so it stays a :* match;
    // "словобвг" (123) begins those of 123 and 1230–1239: expanded into them.
    const wide = await search.publicSearch({ q: ownWord(1), sort: 'relevance', page: 1, pageSize: 10 });
    // (1,111 matches, all among the newest: answered from the window)
    expect(wide.totalIsCapped).toBe(true);
    expect(wide.hits).toHaveLength(10);
    for (const hit of wide.hits) expect(hit.snippet).toContain(`<mark>${ownWord(1)}`);
    const narrow = await search.publicSearch({ q: ownWord(123), sort: 'relevance', page: 1, pageSize: 20 });
    const expected = [123, ...Array.from({ length: 10 }, (_, k) => 1230 + k)].filter((i) => i < ARTICLES).map(articleId);
    expect(new Set(narrow.hits.map((h) => h.articleId))).toEqual(new Set(expected));
  });
});
