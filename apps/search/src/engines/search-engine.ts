import type { FacetCount, IndexScope, SearchFacet, SearchSort } from '@birgemiz/contracts';
import type { EntityManager } from 'typeorm';
import type { TranslationDocument } from '../documents/search-document';
import type { ParsedQuery } from '../text/search-text';

export const SEARCH_ENGINE = Symbol('SEARCH_ENGINE');

export interface SearchFilters {
  locale?: string;
  tag?: string;
  region?: string;
  statuses?: string[];
  from?: Date;
  to?: Date;
}

export interface EngineQuery {
  scope: IndexScope;
  query: ParsedQuery;
  filters: SearchFilters;
  sort: SearchSort;
  offset: number;
  limit: number;
  facets: SearchFacet[];
}

export interface EngineResult {
  /** One document per article: the translation that matched best. */
  hits: TranslationDocument[];
  total: number;
  totalIsCapped: boolean;
  facets: Partial<Record<SearchFacet, FacetCount[]>>;
  /** Spellings the engine accepted for typo'd words (for highlighting). */
  extraForms: string[];
}

/** A full rebuild in progress: documents go into a new index, which replaces the live one at `swap`. */
export interface RebuildTarget {
  write(documents: TranslationDocument[]): Promise<void>;
  /** Finishes the new index (builds its indexes, waits for pending tasks) before the swap; the live index keeps serving. */
  seal(): Promise<void>;
  /**
   * Makes the new index live, atomically for readers. `newerArticleIds` changed in the live index after the
   * rebuild read them (events applied meanwhile): their documents are copied from the live index first.
   * Runs while the caller holds the index lock, inside `tx`.
   */
  swap(newerArticleIds: string[], tx: EntityManager): Promise<void>;
  /** Drops the new index (after a failure). */
  abort(): Promise<void>;
}

/**
 * The search engine port. Both engines store one document per article translation in two scopes (public,
 * staff); versions and idempotency are handled by the caller (IndexWriter), the engine only stores and searches.
 */
export interface SearchEngine {
  readonly kind: 'postgres' | 'meilisearch';
  /** Creates the live indexes and applies their settings (idempotent). Called at start. */
  init(): Promise<void>;
  /** Replaces every document of one article in one scope (none: removes it). */
  replace(scope: IndexScope, articleId: string, documents: TranslationDocument[], tx: EntityManager): Promise<void>;
  search(query: EngineQuery): Promise<EngineResult>;
  /** Documents in a scope. */
  countDocuments(scope: IndexScope): Promise<number>;
  beginRebuild(scope: IndexScope): Promise<RebuildTarget>;
  /** Throws when the engine cannot answer. */
  ping(): Promise<void>;
}
