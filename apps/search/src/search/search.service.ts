import {
  SEARCH_LIMITS,
  type IndexScope,
  type PublicSearchQuery,
  type SearchFacet,
  type SearchHit,
  type SearchResult,
  type StaffSearchQuery,
} from '@birgemiz/contracts';
import { DomainError, ErrorCode } from '@birgemiz/errors';
import { Inject, Injectable } from '@nestjs/common';
import type { TranslationDocument } from '../documents/search-document';
import { SEARCH_ENGINE, type SearchEngine, type SearchFilters } from '../engines/search-engine';
import { highlight, snippet, WordMatcher } from '../text/highlight';
import { parseQuery, type ParsedQuery } from '../text/search-text';

type CommonQuery = PublicSearchQuery | StaffSearchQuery;

/** Public and staff search: normalises the query, asks the engine, builds highlighted, cropped hits. */
@Injectable()
export class SearchService {
  constructor(@Inject(SEARCH_ENGINE) private readonly engine: SearchEngine) {}

  publicSearch(query: PublicSearchQuery): Promise<SearchResult> {
    return this.run('public', query, undefined, []);
  }

  staffSearch(query: StaffSearchQuery): Promise<SearchResult> {
    return this.run('staff', query, query.status, query.facets ?? []);
  }

  private async run(scope: IndexScope, query: CommonQuery, statuses: string[] | undefined, facets: SearchFacet[]): Promise<SearchResult> {
    const parsed = parseQuery(query.q, SEARCH_LIMITS.queryWords);
    if (parsed.terms.length === 0) {
      throw new DomainError(ErrorCode.ValidationFailed, 'the query has no words', { issues: [{ path: 'query.q', reason: 'no_search_words' }] });
    }
    const offset = (query.page - 1) * query.pageSize;
    const result = await this.engine.search({
      scope,
      query: parsed,
      filters: filtersOf(query, statuses),
      sort: query.sort,
      offset,
      limit: query.pageSize,
      facets,
    });
    const matcher = matcherFor(parsed, result.extraForms);
    return {
      hits: result.hits.map((doc) => toHit(doc, matcher, scope)),
      page: query.page,
      pageSize: query.pageSize,
      total: result.total,
      totalIsCapped: result.totalIsCapped,
      sort: query.sort,
      engine: this.engine.kind,
      ...(scope === 'staff' && facets.length > 0 ? { facets: result.facets } : {}),
    };
  }
}

/** Dates: a day (YYYY-MM-DD) covers the whole day (UTC); a date-time is taken as given (inclusive). */
export function filtersOf(query: CommonQuery, statuses?: string[]): SearchFilters {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  return {
    locale: query.locale,
    tag: query.tag,
    region: query.region,
    statuses,
    from: query.from ? new Date(day.test(query.from) ? `${query.from}T00:00:00Z` : query.from) : undefined,
    to: query.to ? new Date(day.test(query.to) ? Date.parse(`${query.to}T00:00:00Z`) + 86_400_000 : Date.parse(query.to) + 1) : undefined,
  };
}

function matcherFor(parsed: ParsedQuery, extraForms: string[]): WordMatcher {
  const prefixes = parsed.terms.flatMap((t) => t.words.filter((w) => w.prefix).flatMap((w) => w.forms));
  return new WordMatcher([...parsed.allForms, ...extraForms], prefixes);
}

function toHit(doc: TranslationDocument, matcher: WordMatcher, scope: IndexScope): SearchHit {
  const hit: SearchHit = {
    articleId: doc.articleId,
    locale: doc.locale,
    slug: doc.slug,
    title: doc.title,
    titleHighlighted: highlight(doc.title, matcher),
    snippet: snippet([doc.summary, doc.body], matcher),
    publishedAt: doc.publishedAt,
    region: doc.region,
    tags: doc.tags,
  };
  if (scope === 'staff') {
    hit.status = doc.articleStatus;
    hit.translationStatus = doc.translationStatus;
    hit.version = doc.version;
  }
  return hit;
}
