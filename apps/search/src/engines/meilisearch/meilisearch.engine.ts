import type { FacetCount, IndexScope, SearchFacet } from '@birgemiz/contracts';
import type { Meilisearch, Settings, Task } from 'meilisearch/dist/index';
import type { EntityManager } from 'typeorm';
import type { SearchConfig } from '../../config';
import type { TranslationDocument } from '../../documents/search-document';
import { indexForms } from '../../text/search-text';
import type { EngineQuery, EngineResult, RebuildTarget, SearchEngine } from '../search-engine';
import { articleIdsFilter, buildFilter, quoteFilterValue } from './meilisearch-filter';

const BATCH = 1_000;
const TASK_TIMEOUT_MS = 120_000;
const MAX_TOTAL_HITS = 1_000;

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
  /** Unix seconds (numbers are what Meilisearch filters and sorts by range). */
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
  faceting: { maxValuesPerFacet: 50 },
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
    sortDate: Math.floor(Date.parse(d.sortDate) / 1000),
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

function fromMeiliDocument(m: MeiliDocument): TranslationDocument {
  return {
    articleId: m.articleId,
    locale: m.locale as TranslationDocument['locale'],
    version: m.version,
    articleStatus: m.articleStatus as TranslationDocument['articleStatus'],
    translationStatus: m.translationStatus as TranslationDocument['translationStatus'],
    region: m.region as TranslationDocument['region'],
    tags: m.tags,
    publishedAt: m.publishedAt,
    sortDate: new Date(m.sortDate * 1000).toISOString(),
    updatedAt: m.updatedAt,
    title: m.title,
    summary: m.summary,
    body: m.body,
    slug: m.slug,
  };
}

/** A Meilisearch write is a task: wait for it and turn a failed or cancelled task into an error. */
export async function awaitTask(promise: { waitTask: (options?: { timeout?: number }) => Promise<Task> }, what: string): Promise<Task> {
  const task = await promise.waitTask({ timeout: TASK_TIMEOUT_MS });
  if (task.status !== 'succeeded') {
    throw new Error(`Meilisearch task ${task.uid} (${what}) ${task.status}: ${task.error?.code ?? ''} ${task.error?.message ?? ''}`.trim());
  }
  return task;
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
 * Queries are sent in their normalised spellings as a federated multi-search (one query per spelling).
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
    const filter = buildFilter(query.filters);
    const facets = query.facets.map((f) => FACET_FIELDS[f]);
    const response = (await this.client.multiSearch({
      federation: {
        limit: query.limit,
        offset: query.offset,
        ...(facets.length ? { facetsByIndex: { [uid]: facets }, mergeFacets: { maxValuesPerFacet: 50 } } : {}),
      },
      queries: spellings.map((q) => ({
        indexUid: uid,
        q,
        filter,
        matchingStrategy: 'last' as const,
        ...(query.sort === 'date' ? { sort: ['sortDate:desc'] } : {}),
      })),
    })) as unknown as { hits: MeiliDocument[]; estimatedTotalHits?: number; totalHits?: number; facetDistribution?: Record<string, Record<string, number>> };
    const seen = new Set<string>();
    const hits = response.hits.filter((h) => !seen.has(h.articleId) && seen.add(h.articleId)).map(fromMeiliDocument);
    const total = response.estimatedTotalHits ?? response.totalHits ?? hits.length;
    const out: Partial<Record<SearchFacet, FacetCount[]>> = {};
    for (const facet of query.facets) {
      const distribution = response.facetDistribution?.[FACET_FIELDS[facet]] ?? {};
      out[facet] = Object.entries(distribution)
        .map(([value, count]) => ({ value, count }))
        .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
    }
    return { hits, total, totalIsCapped: total >= MAX_TOTAL_HITS, facets: out, extraForms: [] };
  }

  async beginRebuild(scope: IndexScope): Promise<RebuildTarget> {
    const live = this.uid(scope);
    const fresh = `${live}-rebuild-${Date.now().toString(36)}`;
    await this.ensureIndex(fresh);
    const client = this.client;
    const index = client.index<MeiliDocument>(fresh);
    return {
      async write(documents) {
        for (let i = 0; i < documents.length; i += BATCH) {
          await awaitTask(index.addDocuments(documents.slice(i, i + BATCH).map(toMeiliDocument), { primaryKey: 'id' }), 'add documents (rebuild)');
        }
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
          if (current.results.length) await awaitTask(index.addDocuments(current.results, { primaryKey: 'id' }), 'add documents (catch-up)');
        }
        await awaitTask(client.swapIndexes([{ indexes: [live, fresh], rename: false }]), 'swap indexes');
        await awaitTask(client.deleteIndex(fresh), 'delete the previous index');
      },
      async abort() {
        await awaitTask(client.deleteIndex(fresh), 'delete the unfinished index');
      },
    };
  }

  private async ensureIndex(uid: string): Promise<void> {
    const exists = await this.client
      .index(uid)
      .getRawInfo()
      .then(() => true)
      .catch((error: { cause?: { code?: string } }) => {
        if (error.cause?.code === 'index_not_found') return false;
        throw error;
      });
    if (!exists) await awaitTask(this.client.createIndex(uid, { primaryKey: 'id' }), `create index ${uid}`);
    await awaitTask(this.client.index(uid).updateSettings(INDEX_SETTINGS), `settings of ${uid}`);
  }
}

/**
 * The query in each normalised spelling: every word's first form (lower case), second (keyboard-folded Cyrillic
 * or accent-free Latin) and third (the other script); phrases stay in double quotes. Duplicates are dropped.
 */
export function querySpellings(query: EngineQuery): string[] {
  const variants = [0, 1, 2].map((i) =>
    query.query.terms
      .map((term) => {
        const words = term.words.map((w) => w.forms[Math.min(i, w.forms.length - 1)]);
        return term.phrase ? `"${words.join(' ')}"` : words.join(' ');
      })
      .join(' '),
  );
  return [...new Set(variants.filter((v) => v.trim().length > 0))];
}
