import type { Meilisearch, Settings, Task } from 'meilisearch/dist/index';
import type { TranslationDocument } from '../../documents/search-document';
import { parseQuery } from '../../text/search-text';
import type { EngineQuery } from '../search-engine';
import {
  changedSettings,
  checkServerVersion,
  fromMeiliDocument,
  INDEX_SETTINGS,
  MeilisearchEngine,
  ndjsonBatches,
  querySpellings,
  toMeiliDocument,
  type MeiliDocument,
} from './meilisearch.engine';

const doc: TranslationDocument = {
  articleId: '00000000-0000-4000-8000-000000000001',
  locale: 'ru',
  version: 2,
  articleStatus: 'published',
  translationStatus: 'published',
  region: 'astana',
  tags: ['flood'],
  publishedAt: '2025-03-01T10:00:00.250Z',
  sortDate: '2025-03-01T10:00:00.250Z',
  updatedAt: '2025-03-02T08:00:00.000Z',
  title: 'Волонтёры',
  summary: 'Кратко',
  body: 'Текст',
  slug: 'volontery',
};

/** What GET /indexes/{uid}/settings answers once INDEX_SETTINGS are applied: sets reordered, server defaults added. */
function appliedSettings(): Settings {
  return {
    ...INDEX_SETTINGS,
    filterableAttributes: [...(INDEX_SETTINGS.filterableAttributes as string[])].reverse(),
    sortableAttributes: ['sortDate'],
    synonyms: Object.fromEntries(Object.entries(INDEX_SETTINGS.synonyms!).sort(([a], [b]) => (a < b ? -1 : 1))),
    typoTolerance: { ...INDEX_SETTINGS.typoTolerance, disableOnWords: [], disableOnAttributes: [], disableOnNumbers: false },
    faceting: { ...INDEX_SETTINGS.faceting },
    stopWords: [],
    dictionary: [],
    proximityPrecision: 'byWord',
    searchCutoffMs: null,
    embedders: {},
  };
}

describe('Meilisearch engine', () => {
  describe('server version', () => {
    it('accepts v1.40 and later', () => {
      for (const version of ['1.40.0', '1.40.3', '1.47.1', '2.0.0']) expect(() => checkServerVersion(version)).not.toThrow();
    });

    it('refuses older or unreadable versions, naming the minimum', () => {
      for (const version of ['1.39.9', '1.14.0', '0.99.0', 'unknown']) {
        expect(() => checkServerVersion(version)).toThrow(`Meilisearch ${version} is not supported: the search engine needs v1.40 or later`);
      }
    });
  });

  it('sorts by date right after the number of matched words, before every other relevance rule', () => {
    expect(INDEX_SETTINGS.rankingRules).toEqual(['words', 'sort', 'typo', 'proximity', 'attribute', 'exactness']);
  });

  describe('settings comparison', () => {
    it('finds nothing to change when the index holds the settings (other order of sets, server defaults added)', () => {
      expect(changedSettings(INDEX_SETTINGS, appliedSettings())).toEqual({});
    });

    it('sends every setting to a new index', () => {
      expect(changedSettings(INDEX_SETTINGS, {})).toEqual(INDEX_SETTINGS);
    });

    it('returns only the settings that differ', () => {
      const current = appliedSettings();
      current.rankingRules = ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'];
      current.searchableAttributes = [...(INDEX_SETTINGS.searchableAttributes as string[])].reverse();
      current.typoTolerance = { ...current.typoTolerance, minWordSizeForTypos: { oneTypo: 4, twoTypos: 9 } };
      expect(changedSettings(INDEX_SETTINGS, current)).toEqual({
        rankingRules: INDEX_SETTINGS.rankingRules,
        searchableAttributes: INDEX_SETTINGS.searchableAttributes,
        typoTolerance: INDEX_SETTINGS.typoTolerance,
      });
    });

    it('treats a synonym left over on the server as a difference', () => {
      const current = appliedSettings();
      current.synonyms = { ...current.synonyms, старое: ['слово'] };
      expect(changedSettings(INDEX_SETTINGS, current)).toEqual({ synonyms: INDEX_SETTINGS.synonyms });
    });

    it('treats a missing filterable attribute as a difference', () => {
      const current = appliedSettings();
      current.filterableAttributes = (INDEX_SETTINGS.filterableAttributes as string[]).filter((a) => a !== 'sortDate');
      expect(changedSettings(INDEX_SETTINGS, current)).toEqual({ filterableAttributes: INDEX_SETTINGS.filterableAttributes });
    });
  });

  describe('write batches', () => {
    const docs = (n: number, bodyLength = 10): MeiliDocument[] =>
      Array.from({ length: n }, (_, i) => toMeiliDocument({ ...doc, articleId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, body: 'ж'.repeat(bodyLength) }));
    const parse = (body: string) => body.split('\n').map((line) => JSON.parse(line) as MeiliDocument);

    it('keeps every document, in order, one per NDJSON line', () => {
      const all = docs(5);
      const bodies = ndjsonBatches(all, 2);
      expect(bodies.map((b) => parse(b).length)).toEqual([2, 2, 1]);
      expect(bodies.flatMap(parse)).toEqual(all);
    });

    it('starts a new batch before the serialised size would pass the limit (bytes, not characters)', () => {
      const all = docs(10, 2_000);
      const lineBytes = Buffer.byteLength(JSON.stringify(all[0])) + 1;
      const maxBytes = lineBytes * 3 + 10;
      const bodies = ndjsonBatches(all, 1_000, maxBytes);
      expect(bodies.map((b) => parse(b).length)).toEqual([3, 3, 3, 1]);
      for (const body of bodies) expect(Buffer.byteLength(body)).toBeLessThanOrEqual(maxBytes);
      expect(bodies.flatMap(parse)).toEqual(all);
    });

    it('sends a document larger than the limit on its own', () => {
      const [small, big] = [docs(1)[0], docs(1, 5_000)[0]];
      expect(ndjsonBatches([small, big, small], 1_000, 1_000).map((b) => parse(b).length)).toEqual([1, 1, 1]);
    });
  });

  it('stores sortDate in milliseconds and gives the same document back', () => {
    const stored = toMeiliDocument(doc);
    expect(stored.sortDate).toBe(1740823200250);
    expect(fromMeiliDocument(JSON.parse(JSON.stringify(stored)) as MeiliDocument)).toEqual(doc);
  });

  it('sends at most 10 query terms, a phrase counting as one', () => {
    const query = (q: string) => ({ query: parseQuery(q, 12) }) as EngineQuery;
    const words = Array.from({ length: 12 }, (_, i) => `w${i}`);
    expect(querySpellings(query(words.join(' ')))).toEqual([words.slice(0, 10).join(' ')]);
    // 12 words, 11 terms: the phrase and the next 9 words are kept.
    expect(querySpellings(query(`"w20 w21" ${words.slice(0, 10).join(' ')}`))).toEqual([`"w20 w21" ${words.slice(0, 9).join(' ')}`]);
  });

  describe('with a stand-in client', () => {
    type Calls = { created: string[]; settings: Array<{ uid: string; settings: Settings; wait: unknown }>; searches: unknown[] };

    function task(status: Task['status'], code?: string) {
      return { status, uid: 1, error: code ? { code, message: code } : null } as unknown as Task;
    }
    function enqueued(result: Task, onWait?: (options: unknown) => void) {
      return Object.assign(Promise.resolve({ taskUid: 1 }), {
        waitTask: async (options?: unknown) => {
          onWait?.(options);
          return result;
        },
      });
    }

    function engine(options: { version?: string; settings?: Record<string, Settings | null>; createError?: string; response?: object }) {
      const calls: Calls = { created: [], settings: [], searches: [] };
      const client = {
        getVersion: async () => ({ pkgVersion: options.version ?? '1.40.0', commitSha: '', commitDate: '' }),
        index: (uid: string) => ({
          getSettings: async () => {
            const settings = options.settings?.[uid];
            if (!settings) throw Object.assign(new Error('not found'), { cause: { code: 'index_not_found' } });
            return settings;
          },
          updateSettings: (settings: Settings) => {
            const call = { uid, settings, wait: undefined as unknown };
            calls.settings.push(call);
            return enqueued(task('succeeded'), (wait) => (call.wait = wait));
          },
        }),
        createIndex: (uid: string) => {
          calls.created.push(uid);
          return enqueued(options.createError ? task('failed', options.createError) : task('succeeded'));
        },
        multiSearch: async (request: unknown) => {
          calls.searches.push(request);
          return options.response;
        },
      };
      return { engine: new MeilisearchEngine(client as unknown as Meilisearch, 'p'), calls };
    }

    it('refuses to start on a server older than v1.40, before touching any index', async () => {
      const { engine: e, calls } = engine({ version: '1.14.0' });
      await expect(e.init()).rejects.toThrow('Meilisearch 1.14.0 is not supported');
      expect(calls.created).toEqual([]);
    });

    it('leaves indexes that already hold the settings alone', async () => {
      const { engine: e, calls } = engine({ settings: { 'p-articles-public': appliedSettings(), 'p-articles-staff': appliedSettings() } });
      await e.init();
      expect(calls).toMatchObject({ created: [], settings: [] });
    });

    it('creates missing indexes (one created meanwhile by another instance is fine) and waits for the settings without a time limit', async () => {
      const { engine: e, calls } = engine({ createError: 'index_already_exists', settings: { 'p-articles-staff': appliedSettings() } });
      await e.init();
      expect(calls.created).toEqual(['p-articles-public']);
      expect(calls.settings).toEqual([{ uid: 'p-articles-public', settings: INDEX_SETTINGS, wait: { timeout: 0, interval: 1_000 } }]);
    });

    it('fails on any other index creation error', async () => {
      const { engine: e } = engine({ createError: 'invalid_index_uid' });
      await expect(e.init()).rejects.toThrow('invalid_index_uid');
    });

    const search = (overrides: Partial<EngineQuery> = {}): EngineQuery => ({
      scope: 'staff',
      query: parseQuery('қазақ тілі', 12),
      filters: { region: 'astana' },
      sort: 'date',
      offset: 20,
      limit: 10,
      facets: ['status'],
      ...overrides,
    });

    it('asks for one hit per article across the spellings, by page, and returns the hits as they come', async () => {
      const hits = [toMeiliDocument(doc), toMeiliDocument({ ...doc, articleId: '00000000-0000-4000-8000-000000000002' })];
      const { engine: e, calls } = engine({ response: { hits, totalHits: 42, facetDistribution: { articleStatus: { published: 40, draft: 2 } } } });
      const result = await e.search(search());
      const request = calls.searches[0] as { federation: object; queries: Array<Record<string, unknown>> };
      expect(request.federation).toEqual({
        distinct: 'articleId',
        page: 3,
        hitsPerPage: 10,
        facetsByIndex: { 'p-articles-staff': ['articleStatus'] },
        mergeFacets: { maxValuesPerFacet: 50 },
      });
      expect(request.queries.length).toBeGreaterThan(1);
      for (const q of request.queries) {
        expect(q).toMatchObject({ indexUid: 'p-articles-staff', filter: ['region = "astana"'], matchingStrategy: 'last', sort: ['sortDate:desc'] });
        expect(q).not.toHaveProperty('distinct');
      }
      expect(result).toEqual({
        hits: [doc, { ...doc, articleId: '00000000-0000-4000-8000-000000000002' }],
        total: 42,
        totalIsCapped: false,
        facets: { status: [{ value: 'published', count: 40 }, { value: 'draft', count: 2 }] },
        extraForms: [],
      });
    });

    it('never reports more than 1000 results, and flags the count as capped once it reaches 1000', async () => {
      for (const [totalHits, total, totalIsCapped] of [
        [999, 999, false],
        [1_000, 1_000, true],
        [4_321, 1_000, true],
      ] as const) {
        const { engine: e } = engine({ response: { hits: [], totalHits } });
        expect(await e.search(search({ facets: [] }))).toMatchObject({ total, totalIsCapped });
      }
    });

    it('refuses an offset that is not a whole number of pages', async () => {
      const { engine: e } = engine({ response: { hits: [], totalHits: 0 } });
      await expect(e.search(search({ offset: 15 }))).rejects.toThrow('not a whole number of pages');
    });
  });
});
