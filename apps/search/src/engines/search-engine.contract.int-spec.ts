import { SEARCH_LIMITS, type PublicSearchQuery, type StaffSearchQuery } from '@birgemiz/contracts';
import { cloneTemplateDatabase, templateDatabase, uniqueSuffix } from '@birgemiz/testing';
import { DataSource } from 'typeorm';
import { searchDataSourceOptions } from '../database/data-source';
import { publicDocumentsFromState, staffDocuments } from '../documents/search-document';
import { IndexStateRepository } from '../indexing/index-state.repository';
import { IndexWriterService } from '../indexing/index-writer.service';
import { SearchService } from '../search/search.service';
import { corpusArticleId, corpusState, loadCorpus, loadSearchCases } from '../testing/search-corpus';
import { awaitTask, loadMeilisearch, MeilisearchEngine } from './meilisearch/meilisearch.engine';
import { PostgresEntriesRepository } from './postgres/postgres-entries.repository';
import { PostgresSearchEngine } from './postgres/postgres-search.engine';
import type { SearchEngine } from './search-engine';

/**
 * The engine contract: the same cases against every engine. PostgreSQL always runs; Meilisearch runs when
 * MEILISEARCH_URL points at a server (a unique index prefix per run, its indexes deleted at the end) and is
 * skipped otherwise.
 */
interface EngineUnderTest {
  name: string;
  enabled: boolean;
  create(dataSource: DataSource): SearchEngine;
  /** Removes what the engine keeps outside the test database. */
  cleanup?(): Promise<void>;
}

const meiliUrl = process.env.MEILISEARCH_URL;
const meiliPrefix = `test-${uniqueSuffix()}`;

/** Deletes this run's Meilisearch indexes: the live ones and any rebuild index left over. */
async function dropMeiliIndexes(): Promise<void> {
  const { Meilisearch } = loadMeilisearch();
  const client = new Meilisearch({ host: meiliUrl!, apiKey: process.env.MEILISEARCH_API_KEY });
  const { results } = await client.getRawIndexes({ limit: 1_000 });
  for (const { uid } of results.filter((index) => index.uid.startsWith(`${meiliPrefix}-`))) {
    await awaitTask(client.deleteIndex(uid), `delete index ${uid}`);
  }
}

const ENGINES: EngineUnderTest[] = [
  { name: 'postgres', enabled: true, create: (ds) => new PostgresSearchEngine(new PostgresEntriesRepository(ds)) },
  {
    name: 'meilisearch',
    enabled: Boolean(meiliUrl),
    create: () =>
      MeilisearchEngine.fromConfig({
        MEILISEARCH_URL: meiliUrl,
        MEILISEARCH_API_KEY: process.env.MEILISEARCH_API_KEY,
        MEILISEARCH_INDEX_PREFIX: meiliPrefix,
      } as never),
    cleanup: dropMeiliIndexes,
  },
];

if (!meiliUrl) {
  // eslint-disable-next-line no-console
  console.warn('search engine contract: MEILISEARCH_URL is not set — the Meilisearch engine cases are SKIPPED (PostgreSQL runs).');
}

const corpus = loadCorpus();
const cases = loadSearchCases();
const refOf = (articleId: string) => Number(articleId.slice(-12));

function publicQuery(q: string, extra: Partial<PublicSearchQuery> = {}): PublicSearchQuery {
  return { q, sort: 'relevance', page: 1, pageSize: 5, ...extra };
}

function staffQuery(q: string, extra: Partial<StaffSearchQuery> = {}): StaffSearchQuery {
  return { q, sort: 'relevance', page: 1, pageSize: 10, ...extra };
}

for (const target of ENGINES) {
  const describeEngine = target.enabled ? describe : describe.skip;

  describeEngine(`search engine contract: ${target.name}`, () => {
    let db: Awaited<ReturnType<typeof cloneTemplateDatabase>>;
    let dataSource: DataSource;
    let engine: SearchEngine;
    let writer: IndexWriterService;
    let search: SearchService;

    beforeAll(async () => {
      db = await cloneTemplateDatabase(templateDatabase());
      dataSource = await new DataSource(searchDataSourceOptions(db.url, 4)).initialize();
      engine = target.create(dataSource);
      await engine.init();
      writer = new IndexWriterService(new IndexStateRepository(dataSource), engine);
      search = new SearchService(engine);
      for (const article of corpus) {
        const state = corpusState(article);
        await writer.apply({ scope: 'staff', articleId: state.articleId, version: 1, documents: staffDocuments(state) });
        await writer.apply({ scope: 'public', articleId: state.articleId, version: 1, documents: publicDocumentsFromState(state) });
      }
    }, 120_000);

    afterAll(async () => {
      try {
        await target.cleanup?.();
      } finally {
        await dataSource?.destroy();
        await db?.drop();
      }
    });

    describe('the shared relevance cases (every expected article among the first 5)', () => {
      it.each(cases.map((c) => [c.q, c.top] as const))('%s → %j', async (q, top) => {
        const result = await search.publicSearch(publicQuery(q));
        const refs = result.hits.map((h) => refOf(h.articleId));
        for (const ref of top) {
          const rank = refs.indexOf(ref) + 1;
          expect({ q, ref, rank: rank > 0 && rank <= 5 ? 'top 5' : `rank ${rank}`, refs }).toMatchObject({ rank: 'top 5' });
        }
        // A single expected article is the best hit.
        if (top.length === 1) expect(refs[0]).toBe(top[0]);
      });
    });

    it('finds Kazakh text whatever the script or keyboard: қазақ, казак, QAZAQ, qazaq rank the same article first', async () => {
      for (const q of ['қазақ тілі', 'казак тили', 'QAZAQ TILI', 'qazaq tılı']) {
        const result = await search.publicSearch(publicQuery(q));
        expect({ q, first: refOf(result.hits[0].articleId) }).toEqual({ q, first: 9 });
        // Each spelling matches other translations of the same articles: still one hit per article.
        const ids = result.hits.map((h) => h.articleId);
        expect({ q, ids: [...new Set(ids)] }).toEqual({ q, ids });
      }
    });

    it('matches Russian word forms and ё/е, Latin with or without accents', async () => {
      const yo = await search.publicSearch(publicQuery('волонтёров Петропавловска'));
      const ye = await search.publicSearch(publicQuery('волонтеры петропавловск'));
      expect(refOf(yo.hits[0].articleId)).toBe(7);
      expect(refOf(ye.hits[0].articleId)).toBe(7);
      const accents = await search.publicSearch(publicQuery('ädıstemelık nūsqaulyq'));
      const plain = await search.publicSearch(publicQuery('adistemelik nusqaulyq'));
      expect(refOf(accents.hits[0].articleId)).toBe(3);
      expect(refOf(plain.hits[0].articleId)).toBe(3);
    });

    it('names the matched locale and its slug, and highlights the matched words in a cropped snippet', async () => {
      const result = await search.publicSearch(publicQuery('eco marathon Burabay'));
      const hit = result.hits[0];
      expect(hit).toMatchObject({ articleId: corpusArticleId(10), locale: 'en', slug: 'a10-en' });
      expect(hit.titleHighlighted).toContain('<mark>Burabay</mark>');
      expect(hit.snippet).toMatch(/<mark>[^<]+<\/mark>/);
      const kazakh = await search.publicSearch(publicQuery('наурыз мейрамы'));
      expect(kazakh.hits[0]).toMatchObject({ articleId: corpusArticleId(8), locale: 'kk-Cyrl', slug: 'a8-kk-cyrl' });
      expect(kazakh.hits[0].titleHighlighted).toBe('<mark>Наурыз</mark> <mark>мейрамы</mark> этномәдени орталықтармен бірге тойланды');
    });

    it('filters, sorts by date and pages', async () => {
      const filtered = await search.publicSearch(publicQuery('волонтеры', { region: 'astana', pageSize: 20 }));
      expect(filtered.hits.length).toBeGreaterThan(0);
      expect(filtered.hits.every((h) => h.region === 'astana')).toBe(true);
      const tagged = await search.publicSearch(publicQuery('волонтеры', { tag: 'flood' }));
      expect(tagged.hits.map((h) => refOf(h.articleId))).toEqual([7]);
      const byDate = await search.publicSearch(publicQuery('волонтеры', { sort: 'date', pageSize: 20 }));
      const dates = byDate.hits.map((h) => h.publishedAt!);
      expect(dates).toEqual([...dates].sort().reverse());
      const ranged = await search.publicSearch(publicQuery('волонтеры', { from: '2025-01-01', to: '2025-12-31', pageSize: 20 }));
      expect(ranged.hits.length).toBeGreaterThan(0);
      expect(ranged.hits.every((h) => h.publishedAt!.startsWith('2025'))).toBe(true);
      const page1 = await search.publicSearch(publicQuery('волонтеры', { pageSize: 2, page: 1 }));
      const page2 = await search.publicSearch(publicQuery('волонтеры', { pageSize: 2, page: 2 }));
      expect(page1.total).toBe(page2.total);
      expect(page1.total).toBeGreaterThan(4);
      // Full pages of distinct articles.
      const paged = [...page1.hits, ...page2.hits].map((h) => h.articleId);
      expect(new Set(paged).size).toBe(4);
    });

    it('keeps drafts and unpublished translations out of public search; staff search sees them with facets', async () => {
      const id = corpusArticleId(900, 'ffffffff');
      const base = corpusState(corpus[0], 'ffffffff');
      const state = {
        ...base,
        articleId: id,
        version: 3,
        status: 'published' as const,
        translations: [
          { ...base.translations[0], title: 'Секретный черновик зебрафон опубликован', slug: 'zebra-ru', status: 'published' as const },
          { ...base.translations[1], title: 'Зебрафон жобасы дайындалуда', slug: 'zebra-kk', status: 'draft' as const, publishedAt: null },
        ],
      };
      await writer.apply({ scope: 'staff', articleId: id, version: 3, documents: staffDocuments(state) });
      await writer.apply({ scope: 'public', articleId: id, version: 3, documents: publicDocumentsFromState(state) });

      const pub = await search.publicSearch(publicQuery('зебрафон жобасы'));
      expect(pub.hits.map((h) => [h.articleId, h.locale])).toEqual([[id, 'ru']]);
      const staff = await search.staffSearch(staffQuery('зебрафон жобасы', { facets: ['status', 'locale', 'tag'] }));
      expect(staff.hits[0]).toMatchObject({ articleId: id, locale: 'kk-Cyrl', translationStatus: 'draft', status: 'published', version: 3 });
      expect(staff.facets?.status).toEqual([{ value: 'published', count: 1 }]);

      // Unpublished: gone from public search, still in the staff archive; an older event cannot bring it back.
      await writer.apply({ scope: 'public', articleId: id, version: 4, documents: null });
      expect(await writer.apply({ scope: 'public', articleId: id, version: 3, documents: publicDocumentsFromState(state) })).toBe('stale');
      expect((await search.publicSearch(publicQuery('зебрафон'))).hits).toEqual([]);
      expect((await search.staffSearch(staffQuery('зебрафон'))).hits.length).toBe(1);
      const drafts = await search.staffSearch(staffQuery('зебрафон', { status: ['draft'] }));
      expect(drafts.hits).toEqual([]);
    });

    it('re-applying the same version is idempotent', async () => {
      const state = corpusState(corpus[1]);
      const before = await engine.countDocuments('public');
      expect(await writer.apply({ scope: 'public', articleId: state.articleId, version: 1, documents: publicDocumentsFromState(state) })).toBe('applied');
      expect(await engine.countDocuments('public')).toBe(before);
    });

    it('rebuilds into a new index and swaps it in, keeping changes applied during the rebuild', async () => {
      const state = new IndexStateRepository(dataSource);
      const target = await engine.beginRebuild('public');
      await state.clearRebuildVersions('public');
      const docs = corpus.flatMap((a) => publicDocumentsFromState(corpusState(a)) ?? []);
      await target.write(docs);
      await state.recordRebuildVersions('public', corpus.map((a) => ({ articleId: corpusArticleId(a.ref), version: 1, removed: false })));
      // Meanwhile an event updates article 5 (version 2): the swap must keep it.
      const updated = corpusState(corpus[4], undefined, 2);
      updated.translations[0].title = 'Донорская акция квазимодо';
      await writer.apply({ scope: 'public', articleId: updated.articleId, version: 2, documents: publicDocumentsFromState(updated) });
      // Searching keeps working on the live index during the rebuild.
      expect((await search.publicSearch(publicQuery('наурыз'))).hits.length).toBeGreaterThan(0);
      await target.seal();
      await state.withScopeLocked('public', (tx, newer) => {
        expect(newer).toContain(updated.articleId);
        return target.swap(newer, tx);
      });
      expect(refOf((await search.publicSearch(publicQuery('квазимодо'))).hits[0].articleId)).toBe(5);
      // The draft article written only to the live index (not in the rebuild source) was newer: kept as it was (removed).
      expect((await search.publicSearch(publicQuery('зебрафон'))).hits).toEqual([]);
      expect(refOf((await search.publicSearch(publicQuery('nauryz'))).hits[0].articleId)).toBe(8);
      expect(await engine.countDocuments('public')).toBe(docs.length);
    });

    it('answers a query of the maximum size', async () => {
      const long = Array.from({ length: SEARCH_LIMITS.queryWords + 5 }, (_, i) => `слово${i}`).join(' ').slice(0, SEARCH_LIMITS.queryLength);
      const result = await search.publicSearch(publicQuery(long));
      expect(result.hits).toEqual([]);
    });
  });
}
