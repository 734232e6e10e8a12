import { z } from 'zod';
import { CONTENT_LOCALES, type ContentLocale } from '../../locales';
import { REGION_CODES, type RegionCode } from '../../regions';

/** Limits of a search request: checked at the gateway and again by the search service. */
export const SEARCH_LIMITS = {
  /** Characters of the query text. */
  queryLength: 200,
  /** Words of the query text (after quotes and punctuation are removed). */
  queryWords: 12,
  pageSize: 50,
  /** page × pageSize may not exceed this: deeper results are not ranked (as Meilisearch's maxTotalHits). */
  maxResults: 1_000,
  tagLength: 64,
} as const;

export const SEARCH_SORTS = ['relevance', 'date'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export const SEARCH_FACETS = ['locale', 'tag', 'region', 'status'] as const;
export type SearchFacet = (typeof SEARCH_FACETS)[number];

export const ARTICLE_STATUSES = ['draft', 'scheduled', 'published', 'unpublished', 'archived'] as const;
export type SearchArticleStatus = (typeof ARTICLE_STATUSES)[number];

/** Tags are indexed as given by editors; a filter value must look like one (no quotes, no operators). */
export const SEARCH_TAG_PATTERN = /^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u;

const UNBALANCED_QUOTES = { message: 'unbalanced_quotes' };

const queryText = z
  .string()
  .trim()
  .min(1)
  .max(SEARCH_LIMITS.queryLength)
  .refine((q) => (q.match(/"/g)?.length ?? 0) % 2 === 0, UNBALANCED_QUOTES);

/** `a,b` or repeated parameters → array. */
const listParam = <T extends z.ZodTypeAny>(item: T, max: number) =>
  z.preprocess(
    (value) => (typeof value === 'string' ? value.split(',').map((v) => v.trim()).filter(Boolean) : value),
    z.array(item).max(max),
  );

const dateParam = z.string().datetime({ offset: true }).or(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'invalid_date' }));

const commonShape = {
  q: queryText,
  locale: z.enum(CONTENT_LOCALES).optional(),
  tag: z.string().trim().toLowerCase().max(SEARCH_LIMITS.tagLength).regex(SEARCH_TAG_PATTERN, { message: 'invalid_characters' }).optional(),
  region: z.enum(REGION_CODES).optional(),
  from: dateParam.optional(),
  to: dateParam.optional(),
  sort: z.enum(SEARCH_SORTS).default('relevance'),
  page: z.coerce.number().int().min(1).max(SEARCH_LIMITS.maxResults).default(1),
  pageSize: z.coerce.number().int().min(1).max(SEARCH_LIMITS.pageSize).default(10),
};

function withinWindow(value: { page: number; pageSize: number }, ctx: z.RefinementCtx): void {
  if (value.page * value.pageSize > SEARCH_LIMITS.maxResults) {
    ctx.addIssue({ code: z.ZodIssueCode.too_big, path: ['page'], maximum: Math.floor(SEARCH_LIMITS.maxResults / value.pageSize), type: 'number', inclusive: true, message: 'too_big' });
  }
}

function datesInOrder(value: { from?: string; to?: string }, ctx: z.RefinementCtx): void {
  if (value.from && value.to && Date.parse(value.from) > Date.parse(value.to)) {
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['to'], message: 'ends_before_start' });
  }
}

/** Public search: published translations only. */
export const publicSearchQuerySchema = z
  .object(commonShape)
  .strict()
  .superRefine(withinWindow)
  .superRefine(datesInOrder);
export type PublicSearchQuery = z.infer<typeof publicSearchQuerySchema>;

/** Staff search: drafts, scheduled, unpublished and archived articles too, with status filter and facets. */
export const staffSearchQuerySchema = z
  .object({
    ...commonShape,
    status: listParam(z.enum(ARTICLE_STATUSES), ARTICLE_STATUSES.length).optional(),
    facets: listParam(z.enum(SEARCH_FACETS), SEARCH_FACETS.length).optional(),
  })
  .strict()
  .superRefine(withinWindow)
  .superRefine(datesInOrder);
export type StaffSearchQuery = z.infer<typeof staffSearchQuerySchema>;

/** Request-reply payloads (gateway → search). */
export const publicSearchRequestSchema = z.object({ query: publicSearchQuerySchema }).strict();
export const staffSearchRequestSchema = z.object({ query: staffSearchQuerySchema }).strict();

export interface SearchHit {
  articleId: string;
  /** The locale whose text matched best; `slug` is that translation's slug. */
  locale: ContentLocale;
  slug: string;
  title: string;
  /** HTML: the title escaped, matched words in `<mark>`. */
  titleHighlighted: string;
  /** HTML: a cropped passage of the matched text (summary or body), escaped, matched words in `<mark>`. */
  snippet: string;
  publishedAt: string | null;
  region: RegionCode | null;
  tags: string[];
  /** Staff search only. */
  status?: SearchArticleStatus;
  translationStatus?: 'draft' | 'published' | 'unpublished';
  version?: number;
}

export interface FacetCount {
  value: string;
  count: number;
}

export interface SearchResult {
  hits: SearchHit[];
  page: number;
  pageSize: number;
  /** Articles found; at most SEARCH_LIMITS.maxResults (then `totalIsCapped`). */
  total: number;
  totalIsCapped: boolean;
  sort: SearchSort;
  engine: 'postgres' | 'meilisearch';
  /** Staff search with `facets`: counts of articles per value among the results (capped like `total`). */
  facets?: Partial<Record<SearchFacet, FacetCount[]>>;
}

export type SearchLocale = ContentLocale;
