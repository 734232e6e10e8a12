import type {
  ArticleRemovedPayload,
  ArticleSnapshotPayload,
  ContentLocale,
  PublicArticle,
  StaffArticle,
  TranslationView,
} from '@birgemiz/contracts';
import { chooseLocale, convertScript } from '@birgemiz/locales';
import type { ArticleTranslationEntity } from './entities/article-translation.entity';
import type { ArticleEntity, ArticleStatus } from './entities/article.entity';

/** The article's summary status, derived from its translations and schedule (archived is explicit). */
export function deriveStatus(article: ArticleEntity): ArticleStatus {
  if (article.status === 'archived') return 'archived';
  if (article.translations.some((t) => t.status === 'published')) return 'published';
  if (article.scheduledAt) return 'scheduled';
  if (article.firstPublishedAt) return 'unpublished';
  return 'draft';
}

export function publishedTranslations(article: ArticleEntity): ArticleTranslationEntity[] {
  return article.translations.filter((t) => t.status === 'published');
}

/** What a revision keeps: the editable state (meta and every translation's text). */
export function revisionSnapshot(article: ArticleEntity): Record<string, unknown> {
  return {
    region: article.region,
    tags: article.tags,
    coverImageUrl: article.coverImageUrl,
    translations: Object.fromEntries(
      article.translations.map((t) => [
        t.locale,
        { title: t.title, summary: t.summary, body: t.body, slug: t.slug, machineTranslated: t.machineTranslated },
      ]),
    ),
  };
}

/** The public content of an article, to tell whether a change is visible to readers. */
export function publicFingerprint(article: ArticleEntity): string {
  return JSON.stringify({
    region: article.region,
    tags: article.tags,
    cover: article.coverImageUrl,
    t: publishedTranslations(article)
      .map((t) => [t.locale, t.title, t.summary, t.body, t.slug])
      .sort(),
  });
}

export function snapshotPayload(article: ArticleEntity): ArticleSnapshotPayload {
  return {
    articleId: article.id,
    version: article.version,
    status: deriveStatus(article),
    region: article.region,
    tags: article.tags,
    coverImageUrl: article.coverImageUrl,
    publishedAt: article.firstPublishedAt?.toISOString() ?? null,
    updatedAt: article.updatedAt.toISOString(),
    translations: publishedTranslations(article).map((t) => ({
      locale: t.locale,
      title: t.title,
      summary: t.summary,
      body: t.body,
      slug: t.slug,
      publishedAt: (t.publishedAt ?? article.updatedAt).toISOString(),
      machineTranslated: t.machineTranslated,
    })),
  };
}

export function removedPayload(article: ArticleEntity): ArticleRemovedPayload {
  return { articleId: article.id, version: article.version, occurredAt: new Date().toISOString() };
}

function translationView(t: ArticleTranslationEntity): TranslationView {
  return {
    locale: t.locale,
    title: t.title,
    summary: t.summary,
    body: t.body,
    slug: t.slug,
    status: t.status,
    machineTranslated: t.machineTranslated,
    publishedAt: t.publishedAt?.toISOString() ?? null,
    updatedAt: t.updatedAt.toISOString(),
  };
}

export function toStaffArticle(article: ArticleEntity): StaffArticle {
  return {
    id: article.id,
    status: deriveStatus(article),
    version: article.version,
    region: article.region,
    tags: article.tags,
    coverImageUrl: article.coverImageUrl,
    authorId: article.authorId,
    scheduledAt: article.scheduledAt?.toISOString() ?? null,
    scheduledLocales: article.scheduledLocales,
    firstPublishedAt: article.firstPublishedAt?.toISOString() ?? null,
    createdAt: article.createdAt.toISOString(),
    updatedAt: article.updatedAt.toISOString(),
    viewCount: article.viewCount,
    commentCount: article.commentCount,
    translations: [...article.translations].sort((a, b) => a.locale.localeCompare(b.locale)).map(translationView),
  };
}

/**
 * The public view in the best locale for `requested` (fallback chain, Kazakh transliterated between scripts),
 * or null when the article has no published translation. `withBody` false for list items.
 */
export function toPublicArticle(article: ArticleEntity, requested: ContentLocale, withBody: boolean): PublicArticle | null {
  const published = publishedTranslations(article);
  const choice = chooseLocale(
    requested,
    published.map((t) => t.locale),
  );
  if (!choice) return null;
  const source = published.find((t) => t.locale === choice.source)!;
  const convert = (text: string) => (choice.transliterated ? convertScript(text, choice.source, choice.served) : text);
  return {
    id: article.id,
    requestedLocale: requested,
    locale: choice.served,
    sourceLocale: choice.source,
    transliterated: choice.transliterated,
    availableLocales: published.map((t) => ({ locale: t.locale, slug: t.slug })).sort((a, b) => a.locale.localeCompare(b.locale)),
    title: convert(source.title),
    summary: convert(source.summary),
    body: withBody ? convert(source.body) : '',
    slug: source.slug,
    tags: article.tags,
    region: article.region,
    coverImageUrl: article.coverImageUrl,
    publishedAt: (article.firstPublishedAt ?? source.publishedAt ?? article.updatedAt).toISOString(),
    updatedAt: article.updatedAt.toISOString(),
    viewCount: article.viewCount,
    commentCount: article.commentCount,
  };
}
