import type { ContentLocale } from '@birgemiz/contracts';

/** Cache keys of the public news reads: one definition for the controller and the cached-read fast path. */
export const newsCacheKeys = {
  article: (ref: { articleId?: string; slug?: string }, locale: ContentLocale): string =>
    ref.articleId ? `article:${ref.articleId}:${locale}` : `slug:${ref.slug}:${locale}`,
  latest: (locale: ContentLocale, limit: number): string => `latest:${locale}:${limit}`,
};
