import type { ArticleSnapshotPayload, ArticleStatePayload, ContentLocale, IndexScope, RegionCode, SearchArticleStatus } from '@birgemiz/contracts';

/** One translation of one article as indexed (one row / one document per article and locale, per scope). */
export interface TranslationDocument {
  articleId: string;
  locale: ContentLocale;
  /** The article version this document was built from. */
  version: number;
  articleStatus: SearchArticleStatus;
  translationStatus: 'draft' | 'published' | 'unpublished';
  region: RegionCode | null;
  tags: string[];
  /** When this translation (or else the article) went live; null for never-published drafts. */
  publishedAt: string | null;
  /** Date used for date filters and date sorting: publishedAt, else the article's last change. */
  sortDate: string;
  updatedAt: string;
  title: string;
  summary: string;
  body: string;
  slug: string;
}

/** A change to apply to one scope of the index: the article's documents now, or null when it left the scope. */
export interface ArticleChange {
  scope: IndexScope;
  articleId: string;
  version: number;
  documents: TranslationDocument[] | null;
}

/** Staff scope: every translation, whatever its status. */
export function staffDocuments(state: ArticleStatePayload): TranslationDocument[] {
  return state.translations.map((t) => ({
    articleId: state.articleId,
    locale: t.locale,
    version: state.version,
    articleStatus: state.status,
    translationStatus: t.status,
    region: state.region,
    tags: state.tags,
    publishedAt: t.publishedAt ?? state.publishedAt,
    sortDate: t.publishedAt ?? state.publishedAt ?? state.updatedAt,
    updatedAt: state.updatedAt,
    title: t.title,
    summary: t.summary,
    body: t.body,
    slug: t.slug,
  }));
}

/**
 * Public scope from the full state (reindex, drift repair): only translations whose status is published —
 * the same rule the news service applies when it builds the public event.
 */
export function publicDocumentsFromState(state: ArticleStatePayload): TranslationDocument[] | null {
  const docs = staffDocuments(state)
    .filter((d) => d.translationStatus === 'published' && state.status !== 'archived')
    .map((d) => ({ ...d, articleStatus: 'published' as const }));
  return docs.length > 0 ? docs : null;
}

/** Public scope from the public topic's snapshot: it carries only published translations. */
export function publicDocumentsFromSnapshot(snapshot: ArticleSnapshotPayload): TranslationDocument[] | null {
  const docs = snapshot.translations.map((t) => ({
    articleId: snapshot.articleId,
    locale: t.locale,
    version: snapshot.version,
    articleStatus: 'published' as const,
    translationStatus: 'published' as const,
    region: snapshot.region,
    tags: snapshot.tags,
    publishedAt: t.publishedAt ?? snapshot.publishedAt,
    sortDate: t.publishedAt ?? snapshot.publishedAt ?? snapshot.updatedAt,
    updatedAt: snapshot.updatedAt,
    title: t.title,
    summary: t.summary,
    body: t.body,
    slug: t.slug,
  }));
  return docs.length > 0 ? docs : null;
}

export const SCOPES: readonly IndexScope[] = ['public', 'staff'];
