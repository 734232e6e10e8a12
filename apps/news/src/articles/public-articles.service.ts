import type { ArticleListQuery, ContentLocale, LatestQuery, Page, PublicArticle, PublicArticleSummary } from '@birgemiz/contracts';
import { DomainError, ErrorCode } from '@birgemiz/errors';
import { Injectable } from '@nestjs/common';
import { toPublicArticle } from './article-model';
import { ArticlesRepository } from './articles.repository';
import type { ArticleEntity } from './entities/article.entity';

/** What readers see: published translations only, each article in the best locale for the request. */
@Injectable()
export class PublicArticlesService {
  constructor(private readonly articles: ArticlesRepository) {}

  async latest(locale: ContentLocale, query: LatestQuery): Promise<PublicArticleSummary[]> {
    const [articles] = await this.articles.publicPage({}, 0, query.limit);
    return this.summaries(articles, locale);
  }

  async list(locale: ContentLocale, query: ArticleListQuery): Promise<Page<PublicArticleSummary>> {
    const [articles, total] = await this.articles.publicPage(
      { tag: query.tag, region: query.region, from: query.from, to: query.to, hasLocale: query.hasLocale },
      (query.page - 1) * query.pageSize,
      query.pageSize,
    );
    return { items: this.summaries(articles, locale), page: query.page, pageSize: query.pageSize, total };
  }

  async read(locale: ContentLocale, ref: { articleId?: string; slug?: string }): Promise<PublicArticle> {
    const id = ref.articleId ?? (ref.slug ? await this.articles.findPublicIdBySlug(ref.slug) : null);
    const article = id ? await this.articles.findPublic(id) : null;
    const view = article ? toPublicArticle(article, locale, true) : null;
    if (!view) throw new DomainError(ErrorCode.NotFound, 'article not found');
    return view;
  }

  private summaries(articles: ArticleEntity[], locale: ContentLocale): PublicArticleSummary[] {
    return articles
      .map((a) => toPublicArticle(a, locale, false))
      .filter((a): a is PublicArticle => a !== null)
      .map(({ body: _body, ...summary }) => summary);
  }
}
