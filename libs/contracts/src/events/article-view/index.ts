import { z } from 'zod';
import { CONTENT_LOCALES } from '../../locales';
import { Topics } from '../../topics';
import { defineEvent } from '../event-definition';

export const articleViewedPayloadSchema = z.object({
  /** Unique per view: the news service counts each id once. */
  viewId: z.string().uuid(),
  articleId: z.string().uuid(),
  locale: z.enum(CONTENT_LOCALES),
  viewedAt: z.string().datetime({ offset: true }),
});

export type ArticleViewedPayload = z.infer<typeof articleViewedPayloadSchema>;

export const ArticleViewed = defineEvent({
  topic: Topics.NewsArticleViewV1,
  type: 'kz.birgemiz.news.article.viewed',
  source: '/birgemiz/gateway',
  summary: 'A public read of an article (internal: aggregated into view counts).',
  visibility: 'internal',
  payload: articleViewedPayloadSchema,
});
