import { z } from 'zod';
import { REGION_CODES } from '../../regions';
import type { ContentLocale, RegionCode } from '../..';
import { localeSchema, slugSchema } from './article-input';

const isoDate = z.string().datetime({ offset: true });

export const articleListQuerySchema = z
  .object({
    locale: localeSchema.optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(50).default(20),
    tag: z.string().trim().toLowerCase().min(1).max(40).optional(),
    region: z.enum(REGION_CODES).optional(),
    from: isoDate.optional(),
    to: isoDate.optional(),
    /** Only articles with a published translation in this locale. */
    hasLocale: localeSchema.optional(),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'invalid_range', path: ['to'] });
export type ArticleListQuery = z.infer<typeof articleListQuerySchema>;

export const latestQuerySchema = z
  .object({
    locale: localeSchema.optional(),
    limit: z.coerce.number().int().min(1).max(20).default(6),
  })
  .strict();
export type LatestQuery = z.infer<typeof latestQuerySchema>;

export const readQuerySchema = z.object({ locale: localeSchema.optional() }).strict();

export const articleIdParamsSchema = z.object({ id: z.string().uuid() }).strict();
export const slugParamsSchema = z.object({ slug: slugSchema }).strict();

/** RPC: a public read with the locale the gateway negotiated. */
export const publicReadRequestSchema = z
  .object({ locale: localeSchema, articleId: z.string().uuid().optional(), slug: slugSchema.optional(), countView: z.boolean().default(true) })
  .strict()
  .refine((r) => Boolean(r.articleId) !== Boolean(r.slug), { message: 'id_or_slug' });
export type PublicReadRequest = z.infer<typeof publicReadRequestSchema>;

export const publicListRequestSchema = z.object({ locale: localeSchema, query: z.unknown() }).strict();

export interface AvailableLocale {
  locale: ContentLocale;
  slug: string;
}

/** An article as the public site shows it, in the locale chosen by the fallback chain. */
export interface PublicArticle {
  id: string;
  requestedLocale: ContentLocale;
  /** The locale of the text served. */
  locale: ContentLocale;
  /** The stored translation the text comes from (differs when transliterated). */
  sourceLocale: ContentLocale;
  transliterated: boolean;
  availableLocales: AvailableLocale[];
  title: string;
  summary: string;
  /** Markdown. */
  body: string;
  slug: string;
  tags: string[];
  region: RegionCode | null;
  coverImageUrl: string | null;
  publishedAt: string;
  updatedAt: string;
  viewCount: number;
  commentCount: number;
}

export type PublicArticleSummary = Omit<PublicArticle, 'body'>;

export interface TranslationView {
  locale: ContentLocale;
  title: string;
  summary: string;
  body: string;
  slug: string;
  status: 'draft' | 'published' | 'unpublished';
  machineTranslated: boolean;
  publishedAt: string | null;
  updatedAt: string;
}

/** An article as staff see it: every translation, status and version. */
export interface StaffArticle {
  id: string;
  status: 'draft' | 'scheduled' | 'published' | 'unpublished' | 'archived';
  version: number;
  region: RegionCode | null;
  tags: string[];
  coverImageUrl: string | null;
  authorId: string;
  scheduledAt: string | null;
  scheduledLocales: ContentLocale[];
  firstPublishedAt: string | null;
  createdAt: string;
  updatedAt: string;
  viewCount: number;
  commentCount: number;
  translations: TranslationView[];
}

export interface RevisionSummary {
  version: number;
  authorId: string;
  createdAt: string;
  action: string;
}

export const staffListQuerySchema = z
  .object({
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
    status: z.enum(['draft', 'scheduled', 'published', 'unpublished', 'archived']).optional(),
  })
  .strict();
export type StaffListQuery = z.infer<typeof staffListQuerySchema>;

/** news.articles.export: pages of full article states (see ArticleStateChanged), by ascending id. */
export const articleExportRequestSchema = z
  .object({ afterId: z.string().uuid().nullable(), limit: z.number().int().min(1).max(500) })
  .strict();
export type ArticleExportRequest = z.infer<typeof articleExportRequestSchema>;

export interface ArticleExportPage {
  items: import('../../events/article-state').ArticleStatePayload[];
  /** Pass as `afterId` for the next page; null when this was the last page. */
  nextAfterId: string | null;
  /**
   * Number of articles in total (for progress output), counted for the first page only (`afterId` null): a count on
   * every page would scan the articles table once per page. Null on later pages.
   */
  total: number | null;
}
