import type { FacetCount, IndexScope, SearchFacet } from '@birgemiz/contracts';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { TranslationDocument } from '../../documents/search-document';
import type { EngineQuery, EngineResult, RebuildTarget, SearchEngine } from '../search-engine';
import { buildSearchSql, type WindowBound } from './postgres-query';
import { PostgresEntriesRepository, type EntryRow } from './postgres-entries.repository';

/** Words shorter than this are not corrected (as Meilisearch: one typo from 5 letters). */
const MIN_TYPO_LENGTH = 5;
/** How long the scope's recent-window bounds are reused before they are read again (a rebuild on another instance moves them). */
const WINDOWS_TTL_MS = 5_000;
/** How long a word's typo alternatives (or the absence of any) are reused, and how many words are remembered. */
const TYPO_CACHE_TTL_MS = 60_000;
const TYPO_CACHE_SIZE = 10_000;
/** Statements writing one rebuild batch at once (each on its own connection; PostgreSQL runs each on one core). */
const REBUILD_WRITERS = 2;

/**
 * PostgreSQL full-text engine: tsvectors of the normalised forms ('simple') plus stems of the original text
 * ('russian' / 'english'), GIN indexes, a bounded candidate set per query, typo tolerance from a trigram-indexed
 * word list. No extension but pg_trgm; no unaccent (normalisation happens in TypeScript).
 */
@Injectable()
export class PostgresSearchEngine implements SearchEngine {
  readonly kind = 'postgres' as const;

  private readonly windows = new Map<IndexScope, { bounds: WindowBound[]; at: number }>();
  private readonly typoCache = new Map<string, { alternatives: string[]; at: number }>();
  /** Tables of the rebuilds in progress, by scope. */
  private readonly rebuilds = new Map<IndexScope, string>();
  /** Words the rebuilds in progress have already sent to the word list. */
  private rebuildWords = new Set<string>();

  constructor(private readonly entries: PostgresEntriesRepository) {}

  async init(): Promise<void> {
    await this.entries.ping();
  }

  async ping(): Promise<void> {
    await this.entries.ping();
  }

  replace(scope: IndexScope, articleId: string, documents: TranslationDocument[], tx: EntityManager): Promise<void> {
    return this.entries.replace(tx, scope, articleId, documents);
  }

  countDocuments(scope: IndexScope): Promise<number> {
    return this.entries.count(scope);
  }

  async search(query: EngineQuery): Promise<EngineResult> {
    if (query.query.terms.length === 0) return { hits: [], total: 0, totalIsCapped: false, facets: {}, extraForms: [] };
    const typos = await this.typoAlternatives(query);
    const extraForms = [...new Set([...typos.values()].flat())];
    const titleLexemes = [...new Set([...query.query.allForms, ...extraForms])];
    const windows = await this.recentWindows(query.scope);
    let rows = await this.run(query, typos, 'all', titleLexemes, windows);
    let mode: 'all' | 'any' = 'all';
    // Not enough results with every word: rank the documents that have most of them (Meilisearch's "last" strategy).
    if (query.query.terms.length > 1 && total(rows.rows) < query.offset + query.limit) {
      mode = 'any';
      rows = await this.run(query, typos, mode, titleLexemes, windows);
    }
    let facets: Partial<Record<SearchFacet, FacetCount[]>> = {};
    if (query.facets.length > 0 && rows.built.facetsSql) {
      const raw = await this.entries.facets(rows.built.facetsSql, rows.built.facetsParams);
      facets = groupFacets(query.facets, raw);
    }
    const first = rows.rows[0];
    return {
      hits: rows.rows.map(toDocument),
      total: total(rows.rows),
      // Capped: more matched than were ranked (the full window filled, or a frequent word ranked in the recent window).
      totalIsCapped: first ? Number(first.candidates) >= 1_000 || first.windowed === true : false,
      facets,
      extraForms,
    };
  }

  /**
   * A rebuild of one scope into a new table. The staff scope holds every translation, so a public document whose
   * texts the staff rebuild has already written takes its tsvectors from there instead of computing them again.
   */
  async beginRebuild(scope: IndexScope): Promise<RebuildTarget> {
    const suffix = `_b${Date.now().toString(36)}`;
    const table = await this.entries.createRebuildTable(scope, suffix);
    if (this.rebuilds.size === 0) this.rebuildWords = new Set();
    this.rebuilds.set(scope, table);
    const entries = this.entries;
    const done = () => {
      if (this.rebuilds.get(scope) === table) this.rebuilds.delete(scope);
      if (this.rebuilds.size === 0) this.rebuildWords = new Set();
    };
    return {
      write: async (documents) => {
        const source = scope === 'public' ? this.rebuilds.get('staff') : undefined;
        const rest = source ? await entries.copyFromRebuild(table, source, documents) : documents;
        // Computing tsvectors is the cost of a rebuild, and one statement uses one core: split the batch.
        const size = Math.ceil(rest.length / REBUILD_WRITERS);
        const parts = Array.from({ length: REBUILD_WRITERS }, (_, i) => rest.slice(i * size, (i + 1) * size));
        await Promise.all(parts.map((part) => entries.insertIntoRebuild(table, part, this.rebuildWords)));
      },
      async seal() {
        await entries.indexRebuildTable(scope, suffix);
      },
      swap: async (newerArticleIds, tx) => {
        await entries.swap(tx, scope, suffix, newerArticleIds);
        this.windows.delete(scope);
        done();
      },
      async abort() {
        done();
        await entries.dropTable(scope, suffix);
      },
    };
  }

  private async recentWindows(scope: IndexScope): Promise<WindowBound[]> {
    const cached = this.windows.get(scope);
    if (cached && Date.now() - cached.at < WINDOWS_TTL_MS) return cached.bounds;
    const bounds = await this.entries.recentWindows(scope);
    this.windows.set(scope, { bounds, at: Date.now() });
    return bounds;
  }

  private async run(query: EngineQuery, typos: Map<string, string[]>, mode: 'all' | 'any', titleLexemes: string[], windows: WindowBound[]) {
    const built = buildSearchSql({ ...query, typos, mode, titleLexemes, windows });
    return { built, rows: await this.entries.search(built.sql, built.params) };
  }

  /**
   * For each word of 5+ letters that the index does not hold in any spelling: up to 3 close indexed spellings of
   * each of its first two spellings. Answers are reused for TYPO_CACHE_TTL_MS: the word list only grows, so a
   * stale answer can only add alternatives to a word that has since been indexed (its own spellings still match).
   */
  private async typoAlternatives(query: EngineQuery): Promise<Map<string, string[]>> {
    const words = query.query.terms.flatMap((t) => t.words).filter((w) => [...w.raw].length >= MIN_TYPO_LENGTH);
    const out = new Map<string, string[]>();
    if (words.length === 0) return out;
    const now = Date.now();
    const missing = words.filter((w) => {
      const cached = this.typoCache.get(w.forms.join(' '));
      return !cached || now - cached.at >= TYPO_CACHE_TTL_MS;
    });
    if (missing.length > 0) {
      const found = await this.entries.typoCandidates(missing.map((w) => w.forms));
      if (this.typoCache.size + missing.length > TYPO_CACHE_SIZE) this.typoCache.clear();
      missing.forEach((w, i) => this.typoCache.set(w.forms.join(' '), { alternatives: [...new Set(found.get(i) ?? [])], at: now }));
    }
    for (const word of words) {
      const alternatives = this.typoCache.get(word.forms.join(' '))?.alternatives ?? [];
      if (alternatives.length > 0) out.set(word.raw.toLowerCase(), alternatives);
    }
    return out;
  }
}

function total(rows: EntryRow[]): number {
  return rows.length > 0 ? Number(rows[0].total) : 0;
}

function toDocument(row: EntryRow): TranslationDocument {
  return {
    articleId: row.article_id,
    locale: row.locale as TranslationDocument['locale'],
    version: row.version,
    articleStatus: row.article_status as TranslationDocument['articleStatus'],
    translationStatus: row.translation_status as TranslationDocument['translationStatus'],
    region: row.region as TranslationDocument['region'],
    tags: row.tags,
    publishedAt: row.published_at ? new Date(row.published_at).toISOString() : null,
    sortDate: new Date(row.sort_date).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
    title: row.title,
    summary: row.summary,
    body: row.body,
    slug: row.slug,
  };
}

function groupFacets(wanted: SearchFacet[], rows: { facet: string; value: string; n: string }[]): Partial<Record<SearchFacet, FacetCount[]>> {
  const out: Partial<Record<SearchFacet, FacetCount[]>> = {};
  for (const facet of wanted) out[facet] = [];
  for (const row of rows) {
    const list = out[row.facet as SearchFacet];
    if (list) list.push({ value: row.value, count: Number(row.n) });
  }
  for (const facet of wanted) {
    out[facet] = (out[facet] ?? []).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value)).slice(0, 50);
  }
  return out;
}
