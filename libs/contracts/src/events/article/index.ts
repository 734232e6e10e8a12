import { Topics } from '../../topics';
import { defineEvent } from '../event-definition';
import { articleRemovedPayloadSchema, articleSnapshotPayloadSchema } from './payload';

export * from './payload';

const base = { topic: Topics.NewsArticleV1, source: '/birgemiz/news', visibility: 'public' as const };

export const ArticlePublished = defineEvent({
  ...base,
  type: 'kz.birgemiz.news.article.published',
  summary: 'An article (or one more of its translations) went live.',
  payload: articleSnapshotPayloadSchema,
});

export const ArticleUpdated = defineEvent({
  ...base,
  type: 'kz.birgemiz.news.article.updated',
  summary: 'A published article changed.',
  payload: articleSnapshotPayloadSchema,
});

export const ArticleUnpublished = defineEvent({
  ...base,
  type: 'kz.birgemiz.news.article.unpublished',
  summary: 'An article was taken off the public site (unpublished or archived).',
  payload: articleRemovedPayloadSchema,
});

export const ArticleDeleted = defineEvent({
  ...base,
  type: 'kz.birgemiz.news.article.deleted',
  summary: 'An article was deleted.',
  payload: articleRemovedPayloadSchema,
});
