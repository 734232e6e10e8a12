import { SEARCH_LIMITS, type FacetCount, type IndexScope, type SearchFacet } from '@birgemiz/contracts';
import type { FederatedMultiSearchParams, Index, Meilisearch, MultiSearchFederation, Settings, Task, WaitOptions } from 'meilisearch/dist/index';
import type { EntityManager } from 'typeorm';
import type { SearchConfig } from '../../config';
import type { TranslationDocument } from '../../documents/search-document';
import { indexForms } from '../../text/search-text';
import type { EngineQuery, EngineResult, RebuildTarget, SearchEngine } from '../search-engine';
import { articleIdsFilter, buildFilter, quoteFilterValue } from './meilisearch-filter';

/** A write holds at most this many documents and about this many bytes (Meilisearch refuses payloads over 100 MB by default). */
const BATCH_DOCUMENTS = 1_000;
const BATCH_BYTES = 20 * 1024 * 1024;
const TASK_TIMEOUT_MS = 120_000;
/** Settings can re-index the whole index: waited for without a time limit, polled every second. */
const SETTINGS_WAIT: WaitOptions = { timeout: 0, interval: 1_000 };
/** Results counted and ranked (the request schema keeps page × pageSize within it). */
const MAX_TOTAL_HITS = SEARCH_LIMITS.maxResults;
const MAX_FACET_VALUES = 50;
/** Meilisearch ignores every query term after the 10th (a quoted phrase is one term). */
export const MAX_QUERY_TERMS = 10;
/**
 * The oldest server with everything used here: `rename` in swapIndexes (v1.18), `page`/`hitsPerPage` in a
 * federated search (v1.34) and `federation.distinct` (v1.40).
 */
export const MIN_SERVER_VERSION = { major: 1, minor: 40 } as const;

/** The document stored in Meilisearch: one per article translation. */
export interface MeiliDocument {
  id: string;
  articleId: string;
  locale: string;
  version: number;
  articleStatus: string;
  translationStatus: string;
  region: string | null;
  tags: string[];
  publishedAt: string | null;
  /** Milliseconds since the Unix epoch (numbers are what Meilisearch filters and sorts by range). */
  sortDate: number;
  updatedAt: string;
  title: string;
  summary: string;
  body: string;
  slug: string;
  /** Normalised forms (lower case, ё → е, Kazakh in folded Cyrillic and ASCII Latin): what makes scripts meet. */
  forms_title: string;
  forms_summary: string;
  forms_body: string;
  /** Original text again under a locale-named field, so localizedAttributes can tell Meilisearch the language. */
  ru_title?: string;
  ru_summary?: string;
  ru_body?: string;
  en_title?: string;
  en_summary?: string;
  en_body?: string;
}

/** Index settings, applied (and awaited) before any document is added. */
export const INDEX_SETTINGS: Settings = {
  // `sort` right after `words`: with a sort parameter, date order beats every relevance rule but the number of
  // matched words (matchingStrategy `last`); without one the rule does nothing.
  rankingRules: ['words', 'sort', 'typo', 'proximity', 'attribute', 'exactness'],
  searchableAttributes: ['forms_title', 'ru_title', 'en_title', 'forms_summary', 'ru_summary', 'en_summary', 'forms_body', 'ru_body', 'en_body'],
  filterableAttributes: ['articleId', 'locale', 'articleStatus', 'translationStatus', 'region', 'tags', 'sortDate'],
  sortableAttributes: ['sortDate'],
  distinctAttribute: 'articleId',
  displayedAttributes: ['*'],
  // Meilisearch has no Kazakh: only Russian and English fields are localized; Kazakh is handled by the forms.
  localizedAttributes: [
    { attributePatterns: ['ru_*'], locales: ['rus'] },
    { attributePatterns: ['en_*'], locales: ['eng'] },
  ],
  synonyms: {
    волонтер: ['доброволец', 'ерікті', 'volunteer'],
    доброволец: ['волонтер'],
    ерикти: ['волонтер'],
    erikti: ['volunteer'],
  },
  typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
  pagination: { maxTotalHits: MAX_TOTAL_HITS },
  // The most frequent values first (as the PostgreSQL engine), also when merged across the federated queries.
  faceting: { maxValuesPerFacet: MAX_FACET_VALUES, sortFacetValuesBy: { '*': 'count' } },
};

const FACET_FIELDS: Record<SearchFacet, string> = { locale: 'locale', tag: 'tags', region: 'region', status: 'articleStatus' };

export function toMeiliDocument(d: TranslationDocument): MeiliDocument {
  const doc: MeiliDocument = {
    id: `${d.articleId}_${d.locale}`,
    articleId: d.articleId,
    locale: d.locale,
    version: d.version,
    articleStatus: d.articleStatus,
    translationStatus: d.translationStatus,
    region: d.region,
    tags: d.tags,
    publishedAt: d.publishedAt,
    sortDate: Date.parse(d.sortDate),
    updatedAt: d.updatedAt,
    title: d.title,
    summary: d.summary,
    body: d.body,
    slug: d.slug,
    forms_title: indexForms(d.title),
    forms_summary: indexForms(d.summary),
    forms_body: indexForms(d.body),
  };
  if (d.locale === 'ru' || d.locale === 'en') {
    doc[`${d.locale}_title`] = d.title;
    doc[`${d.locale}_summary`] = d.summary;
    doc[`${d.locale}_body`] = d.body;
  }
  return doc;
}

export function fromMeiliDocument(m: MeiliDocument): TranslationDocument {
  return {
    articleId: m.articleId,
    locale: m.locale as TranslationDocument['locale'],
    version: m.version,
    articleStatus: m.articleStatus as TranslationDocument['articleStatus'],
    translationStatus: m.translationStatus as TranslationDocument['translationStatus'],
    region: m.region as TranslationDocument['region'],
    tags: m.tags,
    publishedAt: m.publishedAt,
    sortDate: new Date(m.sortDate).toISOString(),
    updatedAt: m.updatedAt,
    title: m.title,
    summary: m.summary,
    body: m.body,
    slug: m.slug,
  };
}

/**
 * A Meilisearch write is a task: wait for it and turn a failed or cancelled task into an error (except a failure
 * with the error code `tolerate`, which counts as done).
 */
export async function awaitTask(
  promise: { waitTask: (options?: WaitOptions) => Promise<Task> },
  what: string,
  wait: WaitOptions & { tolerate?: string } = {},
): Promise<Task> {
  const { tolerate, ...options } = wait;
  const task = await promise.waitTask({ timeout: TASK_TIMEOUT_MS, ...options });
  if (task.status !== 'succeeded' && !(tolerate && task.error?.code === tolerate)) {
    throw new Error(`Meilisearch task ${task.uid} (${what}) ${task.status}: ${task.error?.code ?? ''} ${task.error?.message ?? ''}`.trim());
  }
  return task;
}

/** Throws unless `pkgVersion` (of GET /version) is MIN_SERVER_VERSION or later. */
export function checkServerVersion(pkgVersion: string): void {
  const [major, minor] = pkgVersion.split('.').map((part) => Number.parseInt(part, 10));
  const { major: minMajor, minor: minMinor } = MIN_SERVER_VERSION;
  if (!(major > minMajor || (major === minMajor && minor >= minMinor))) {
    throw new Error(
      `Meilisearch ${pkgVersion} is not supported: the search engine needs v${minMajor}.${minMinor} or later ` +
        '(federated search with distinct and page/hitsPerPage); upgrade the server (see docs/search.md)',
    );
  }
}

/** Lists that Meilisearch keeps as sets: getSettings may return them in another order. */
const UNORDERED_SETTINGS = new Set<string>(['filterableAttributes', 'sortableAttributes', 'displayedAttributes']);

/** The part of `wanted` that `current` (the index's getSettings) does not hold yet; empty when nothing is to change. */
export function changedSettings(wanted: Settings, current: Settings): Settings {
  const changed: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(wanted)) {
    const have: unknown = current[key as keyof Settings];
    const same = UNORDERED_SETTINGS.has(key) ? holds(sortedList(value), sortedList(have)) : holds(value, have, key === 'synonyms');
    if (!same) changed[key] = value;
  }
  return changed as Settings;
}

/**
 * Whether `actual` holds `wanted`: the same scalars, the same lists; an object may have more fields (the
 * server fills in its defaults, e.g. typoTolerance.disableOnWords) unless `exactKeys` (a map like synonyms).
 */
function holds(wanted: unknown, actual: unknown, exactKeys = false): boolean {
  if (Array.isArray(wanted)) {
    return Array.isArray(actual) && actual.length === wanted.length && wanted.every((item, i) => holds(item, actual[i]));
  }
  if (wanted !== null && typeof wanted === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const entries = Object.entries(wanted);
    const fields = actual as Record<string, unknown>;
    return (!exactKeys || Object.keys(fields).length === entries.length) && entries.every(([key, item]) => holds(item, fields[key]));
  }
  return wanted === actual;
}

function sortedList(value: unknown): unknown {
  return Array.isArray(value) ? [...(value as string[])].sort() : value;
}

/**
 * Documents as NDJSON bodies of at most `maxDocuments` documents and `maxBytes` bytes each (a single document
 * larger than `maxBytes` is sent alone).
 */
export function ndjsonBatches(documents: readonly MeiliDocument[], maxDocuments = BATCH_DOCUMENTS, maxBytes = BATCH_BYTES): string[] {
  const bodies: string[] = [];
  let lines: string[] = [];
  let bytes = 0;
  for (const document of documents) {
    const line = JSON.stringify(document);
    const size = Buffer.byteLength(line) + 1;
    if (lines.length > 0 && (lines.length >= maxDocuments || bytes + size > maxBytes)) {
      bodies.push(lines.join('\n'));
      lines = [];
      bytes = 0;
    }
    lines.push(line);
    bytes += size;
  }
  if (lines.length > 0) bodies.push(lines.join('\n'));
  return bodies;
}

async function addInBatches(index: Index<MeiliDocument>, documents: readonly MeiliDocument[], what: string): Promise<void> {
  for (const body of ndjsonBatches(documents)) {
    await awaitTask(index.addDocumentsFromString(body, 'application/x-ndjson', { primaryKey: 'id' }), what);
  }
}

/**
 * The `meilisearch` client is an ES module. Node ≥ 20.19 loads it with require(); Node's own require is used
 * (not a bundler's or jest's), so the CommonJS build and the test runner both get the real module.
 */
// Types come from the package's declaration file directly: this repo's `moduleResolution: node` ignores `exports`.
export function loadMeilisearch(): typeof import('meilisearch/dist/index') {
  const nodeModule = process.getBuiltinModule('node:module') as typeof import('node:module');
  return nodeModule.createRequire(__filename)('meilisearch') as typeof import('meilisearch/dist/index');
}

/**
 * Meilisearch engine: typo tolerance, ranking, facets. Two live indexes (`<prefix>-articles-public`,
 * `<prefix>-articles-staff`); a rebuild fills `<live>-rebuild-<time>` and swaps it in with swapIndexes.
 * Queries are sent in their normalised spellings as a federated multi-search (one query per spelling), made
 * distinct by article across the queries. Needs Meilisearch MIN_SERVER_VERSION or later (checked by init).
 */
export class MeilisearchEngine implements SearchEngine {
  readonly kind = 'meilisearch' as const;

  constructor(
    private readonly client: Meilisearch,
    private readonly prefix: string,
  ) {}

  static fromConfig(config: SearchConfig): MeilisearchEngine {
    const { Meilisearch } = loadMeilisearch();
    return new MeilisearchEngine(new Meilisearch({ host: config.MEILISEARCH_URL!, apiKey: config.MEILISEARCH_API_KEY }), config.MEILISEARCH_INDEX_PREFIX);
  }

  uid(scope: IndexScope): string {
    return `${this.prefix}-articles-${scope}`;
  }

  async init(): Promise<void> {
    checkServerVersion((await this.client.getVersion()).pkgVersion);
    for (const scope of ['public', 'staff'] as const) await this.ensureIndex(this.uid(scope));
  }

  async ping(): Promise<void> {
    await this.client.health();
  }

  async replace(scope: IndexScope, articleId: string, documents: TranslationDocument[], _tx: EntityManager): Promise<void> {
    const index = this.client.index<MeiliDocument>(this.uid(scope));
    if (documents.length > 0) await awaitTask(index.addDocuments(documents.map(toMeiliDocument), { primaryKey: 'id' }), 'add documents');
    // Then the translations that are gone: readers never see the article without its current documents.
    const kept = documents.map((d) => quoteFilterValue(d.locale));
    const filter = [articleIdsFilter([articleId]), ...(kept.length ? [`locale NOT IN [${kept.join(', ')}]`] : [])];
    await awaitTask(index.deleteDocuments({ filter }), 'delete documents');
  }

  async countDocuments(scope: IndexScope): Promise<number> {
    return (await this.client.index(this.uid(scope)).getStats()).numberOfDocuments;
  }

  async search(query: EngineQuery): Promise<EngineResult> {
    const uid = this.uid(query.scope);
    const spellings = querySpellings(query);
    if (spellings.length === 0) return { hits: [], total: 0, totalIsCapped: false, facets: {}, extraForms: [] };
    if (query.limit < 1 || query.offset % query.limit !== 0) throw new Error(`offset ${query.offset} is not a whole number of pages of ${query.limit}`);
    const filter = buildFilter(query.filters);
    const facets = query.facets.map((f) => FACET_FIELDS[f]);
    // One hit per article across every spelling's query; page/hitsPerPage give an exact total (totalHits).
    // The client's federation type has no page/hitsPerPage yet.
    const federation: MultiSearchFederation & { page: number; hitsPerPage: number } = {
      distinct: 'articleId',
      page: query.offset / query.limit + 1,
      hitsPerPage: query.limit,
      ...(facets.length ? { facetsByIndex: { [uid]: facets }, mergeFacets: { maxValuesPerFacet: MAX_FACET_VALUES } } : {}),
    };
    const response = await this.client.multiSearch<FederatedMultiSearchParams, MeiliDocument>({
      federation,
      queries: spellings.map((q) => ({
        indexUid: uid,
        q,
        filter,
        matchingStrategy: 'last' as const,
        ...(query.sort === 'date' ? { sort: ['sortDate:desc'] } : {}),
      })),
    });
    const totalHits = response.totalHits ?? 0;
    const out: Partial<Record<SearchFacet, FacetCount[]>> = {};
    for (const facet of query.facets) {
      const distribution = response.facetDistribution?.[FACET_FIELDS[facet]] ?? {};
      out[facet] = Object.entries(distribution)
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    }
    // Counting stops at maxTotalHits (and some servers report more): like the PostgreSQL engine, the total is at
    // most MAX_TOTAL_HITS, and capped once the count reached it.
    return {
      hits: response.hits.map(fromMeiliDocument),
      total: Math.min(totalHits, MAX_TOTAL_HITS),
      totalIsCapped: totalHits >= MAX_TOTAL_HITS,
      facets: out,
      extraForms: [],
    };
  }

  async beginRebuild(scope: IndexScope): Promise<RebuildTarget> {
    const live = this.uid(scope);
    const fresh = `${live}-rebuild-${Date.now().toString(36)}`;
    await this.ensureIndex(fresh);
    const client = this.client;
    const index = client.index<MeiliDocument>(fresh);
    return {
      async write(documents) {
        await addInBatches(index, documents.map(toMeiliDocument), 'add documents (rebuild)');
      },
      async seal() {
        // Every write above was awaited; nothing pending.
      },
      async swap(newerArticleIds) {
        const liveIndex = client.index<MeiliDocument>(live);
        for (let i = 0; i < newerArticleIds.length; i += 100) {
          const ids = newerArticleIds.slice(i, i + 100);
          const current = await liveIndex.getDocuments({ filter: articleIdsFilter(ids), limit: ids.length * 4 });
          await awaitTask(index.deleteDocuments({ filter: articleIdsFilter(ids) }), 'delete documents (catch-up)');
          await addInBatches(index, current.results, 'add documents (catch-up)');
        }
        await awaitTask(client.swapIndexes([{ indexes: [live, fresh], rename: false }]), 'swap indexes');
        await awaitTask(client.deleteIndex(fresh), 'delete the previous index');
      },
      async abort() {
        await awaitTask(client.deleteIndex(fresh), 'delete the unfinished index');
      },
    };
  }

  /** Creates the index unless it exists, then applies the settings it does not hold yet (none: no task). */
  private async ensureIndex(uid: string): Promise<void> {
    const index = this.client.index(uid);
    const current = await index.getSettings().catch((error: { cause?: { code?: string } }) => {
      if (error.cause?.code === 'index_not_found') return null;
      throw error;
    });
    // Another instance starting at the same time may create it first: that is as good.
    if (!current) await awaitTask(this.client.createIndex(uid, { primaryKey: 'id' }), `create index ${uid}`, { tolerate: 'index_already_exists' });
    const changed = changedSettings(INDEX_SETTINGS, current ?? {});
    if (Object.keys(changed).length > 0) await awaitTask(index.updateSettings(changed), `settings of ${uid}`, SETTINGS_WAIT);
  }
}

/**
 * The query in each normalised spelling: every word's first form (lower case), second (keyboard-folded Cyrillic
 * or accent-free Latin) and third (the other script); phrases stay in double quotes. Duplicates are dropped.
 * Only the first MAX_QUERY_TERMS terms are sent: Meilisearch would ignore the others.
 */
export function querySpellings(query: EngineQuery): string[] {
  const terms = query.query.terms.slice(0, MAX_QUERY_TERMS);
  const variants = [0, 1, 2].map((i) =>
    terms
      .map((term) => {
        const words = term.words.map((w) => w.forms[Math.min(i, w.forms.length - 1)]);
        return term.phrase ? `"${words.join(' ')}"` : words.join(' ');
      })
      .join(' '),
  );
  return [...new Set(variants.filter((v) => v.trim().length > 0))];
}
