import { z } from 'zod';
import { CONTENT_LOCALES } from '../../locales';
import { Topics } from '../../topics';
import { defineEvent } from '../event-definition';

export const articleViewedPayloadSchema = z.object({
  /** Unique per event. */
  viewId: z.string().uuid(),
  articleId: z.string().uuid(),
  locale: z.enum(CONTENT_LOCALES),
  /** When the (last) view happened. */
  viewedAt: z.string().datetime({ offset: true }),
  /** Views of the article in this locale the event stands for: a gateway sums the reads of a few milliseconds. */
  count: z.number().int().min(1).max(1_000_000).default(1),
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
