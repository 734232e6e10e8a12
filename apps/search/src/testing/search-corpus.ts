import type { ArticleStatePayload, ContentLocale, RegionCode } from '@birgemiz/contracts';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

function repositoryRoot(from: string): string {
  let dir = from;
  while (!existsSync(join(dir, 'nest-cli.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no repository root above ${from}`);
    dir = parent;
  }
  return dir;
}

/** The shared test corpus (../shared/data next to the repository): read by tests and benches, never copied in. */
export const SHARED_DATA = join(repositoryRoot(__dirname), '..', 'shared', 'data');

export interface CorpusArticle {
  ref: number;
  publishedAt: string;
  region: RegionCode | null;
  tags: string[];
  translations: Partial<Record<ContentLocale, { title: string; summary?: string; body: string }>>;
}

export interface SearchCase {
  q: string;
  top: number[];
  note?: string;
}

export function loadCorpus(): CorpusArticle[] {
  return (JSON.parse(readFileSync(join(SHARED_DATA, 'articles.json'), 'utf8')) as { articles: CorpusArticle[] }).articles;
}

export function loadSearchCases(): SearchCase[] {
  return (JSON.parse(readFileSync(join(SHARED_DATA, 'search-queries.json'), 'utf8')) as { cases: SearchCase[] }).cases;
}

/** A stable article id per corpus ref (and run prefix, 8 hex digits). */
export function corpusArticleId(ref: number, run = '00000000'): string {
  return `${run}-0000-4000-8000-${String(ref).padStart(12, '0')}`;
}

/** The corpus article as the news service's state payload, every translation published. */
export function corpusState(article: CorpusArticle, run?: string, version = 1): ArticleStatePayload {
  return {
    articleId: corpusArticleId(article.ref, run),
    version,
    status: 'published',
    region: article.region,
    tags: article.tags,
    coverImageUrl: null,
    publishedAt: new Date(article.publishedAt).toISOString(),
    updatedAt: new Date(article.publishedAt).toISOString(),
    translations: Object.entries(article.translations).map(([locale, t]) => ({
      locale: locale as ContentLocale,
      title: t!.title,
      summary: t!.summary ?? '',
      body: t!.body,
      slug: `a${article.ref}-${locale.toLowerCase()}`,
      status: 'published' as const,
      publishedAt: new Date(article.publishedAt).toISOString(),
      machineTranslated: false,
    })),
  };
}
