import { z } from 'zod';
import { CONTENT_LOCALES } from '../../locales';
import { REGION_CODES } from '../../regions';
import { Topics } from '../../topics';
import { defineEvent } from '../event-definition';

/**
 * The full editorial state of an article after every change — drafts, scheduled and unpublished translations
 * included. Internal (never read by integrations): it feeds the staff archive search.
 */
export const articleStatePayloadSchema = z.object({
  articleId: z.string().uuid(),
  version: z.number().int().positive(),
  status: z.enum(['draft', 'scheduled', 'published', 'unpublished', 'archived']),
  region: z.enum(REGION_CODES).nullable(),
  tags: z.array(z.string()),
  coverImageUrl: z.string().url().nullable(),
  publishedAt: z.string().datetime({ offset: true }).nullable(),
  updatedAt: z.string().datetime({ offset: true }),
  translations: z.array(
    z.object({
      locale: z.enum(CONTENT_LOCALES),
      title: z.string(),
      summary: z.string(),
      body: z.string(),
      slug: z.string(),
      status: z.enum(['draft', 'published', 'unpublished']),
      publishedAt: z.string().datetime({ offset: true }).nullable(),
      machineTranslated: z.boolean(),
    }),
  ),
});

export const articleStateRemovedPayloadSchema = z.object({
  articleId: z.string().uuid(),
  version: z.number().int().positive(),
  occurredAt: z.string().datetime({ offset: true }),
});

export type ArticleStatePayload = z.infer<typeof articleStatePayloadSchema>;

export const ArticleStateChanged = defineEvent({
  topic: Topics.NewsArticleStateV1,
  type: 'kz.birgemiz.news.article-state.changed',
  source: '/birgemiz/news',
  summary: 'An article changed (any field, any translation, any status). Internal: feeds the staff archive search.',
  visibility: 'internal',
  payload: articleStatePayloadSchema,
});

export const ArticleStateDeleted = defineEvent({
  topic: Topics.NewsArticleStateV1,
  type: 'kz.birgemiz.news.article-state.deleted',
  source: '/birgemiz/news',
  summary: 'An article was deleted. Internal.',
  visibility: 'internal',
  payload: articleStateRemovedPayloadSchema,
});
