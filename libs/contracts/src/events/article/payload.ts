import { z } from 'zod';
import { CONTENT_LOCALES } from '../../locales';
import { REGION_CODES } from '../../regions';

export const articleTranslationPayloadSchema = z.object({
  locale: z.enum(CONTENT_LOCALES),
  title: z.string(),
  summary: z.string(),
  body: z.string(),
  slug: z.string(),
  publishedAt: z.string().datetime({ offset: true }),
  machineTranslated: z.boolean(),
});

/** Published / updated: every public translation, so consumers never need to call back. */
export const articleSnapshotPayloadSchema = z.object({
  articleId: z.string().uuid(),
  /** Increases with every change of the article; consumers ignore events older than what they hold. */
  version: z.number().int().positive(),
  status: z.enum(['published', 'unpublished', 'archived', 'draft', 'scheduled']),
  region: z.enum(REGION_CODES).nullable(),
  tags: z.array(z.string()),
  coverImageUrl: z.string().url().nullable(),
  publishedAt: z.string().datetime({ offset: true }).nullable(),
  updatedAt: z.string().datetime({ offset: true }),
  translations: z.array(articleTranslationPayloadSchema),
});

/** Unpublished / deleted: the article leaves the public site. */
export const articleRemovedPayloadSchema = z.object({
  articleId: z.string().uuid(),
  version: z.number().int().positive(),
  occurredAt: z.string().datetime({ offset: true }),
});

export type ArticleTranslationPayload = z.infer<typeof articleTranslationPayloadSchema>;
export type ArticleSnapshotPayload = z.infer<typeof articleSnapshotPayloadSchema>;
export type ArticleRemovedPayload = z.infer<typeof articleRemovedPayloadSchema>;
