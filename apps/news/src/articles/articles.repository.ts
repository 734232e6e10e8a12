import type { ContentLocale, RegionCode } from '@birgemiz/contracts';
import { BatchLoader, pgPoolOf } from '@birgemiz/database';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { ArticleRevisionEntity } from './entities/article-revision.entity';
import { ArticleTranslationEntity } from './entities/article-translation.entity';
import { ArticleEntity, type ArticleStatus } from './entities/article.entity';

export interface PublicFilters {
  tag?: string;
  region?: RegionCode;
  from?: string;
  to?: string;
  hasLocale?: ContentLocale;
}

/** The only place that talks to the articles tables. */
@Injectable()
export class ArticlesRepository {
  /** Public reads by id that arrive together share one statement (many request handlers run at once). */
  private readonly publicById = new BatchLoader<string, ArticleEntity>(
    async (ids) => new Map((await this.withPublishedTranslations(ids)).map((a) => [a.id, a])),
  );

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction('READ COMMITTED', work);
  }

  /** Loads an article with all its translations and locks the article row for the rest of the transaction. */
  async lockWithTranslations(tx: EntityManager, id: string): Promise<ArticleEntity | null> {
    const article = await tx.getRepository(ArticleEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!article) return null;
    article.translations = await tx.getRepository(ArticleTranslationEntity).find({ where: { articleId: id }, order: { locale: 'ASC' } });
    return article;
  }

  async findWithTranslations(id: string): Promise<ArticleEntity | null> {
    return this.dataSource.getRepository(ArticleEntity).findOne({ where: { id }, relations: { translations: true } });
  }

  async insertArticle(tx: EntityManager, article: ArticleEntity): Promise<void> {
    const { translations: _t, ...row } = article;
    await tx.getRepository(ArticleEntity).insert(row);
  }

  async saveArticle(tx: EntityManager, article: ArticleEntity): Promise<void> {
    const { translations: _t, ...row } = article;
    await tx.getRepository(ArticleEntity).update({ id: article.id }, row);
  }

  async upsertTranslation(tx: EntityManager, translation: ArticleTranslationEntity): Promise<void> {
    const { article: _a, ...row } = translation;
    await tx.getRepository(ArticleTranslationEntity).upsert(row, ['articleId', 'locale']);
  }

  async deleteTranslation(tx: EntityManager, articleId: string, locale: ContentLocale): Promise<void> {
    await tx.getRepository(ArticleTranslationEntity).delete({ articleId, locale });
  }

  async deleteArticle(tx: EntityManager, id: string): Promise<void> {
    await tx.getRepository(ArticleEntity).delete({ id });
  }

  /** Slugs of `locale` taken by other articles, among the candidates. */
  async takenSlugs(tx: EntityManager, locale: ContentLocale, candidates: string[], exceptArticleId: string): Promise<Set<string>> {
    if (candidates.length === 0) return new Set();
    const rows: { slug: string }[] = await tx.query(
      `SELECT slug FROM news.article_translations WHERE locale = $1 AND slug = ANY($2::text[]) AND article_id <> $3`,
      [locale, candidates, exceptArticleId],
    );
    return new Set(rows.map((r) => r.slug));
  }

  async addRevision(tx: EntityManager, revision: Omit<ArticleRevisionEntity, 'createdAt'>): Promise<void> {
    await tx.query(
      `INSERT INTO news.article_revisions (article_id, version, action, author_id, snapshot) VALUES ($1, $2, $3, $4, $5::jsonb)`,
      [revision.articleId, revision.version, revision.action, revision.authorId, JSON.stringify(revision.snapshot)],
    );
  }

  async listRevisions(articleId: string): Promise<ArticleRevisionEntity[]> {
    return this.dataSource.getRepository(ArticleRevisionEntity).find({ where: { articleId }, order: { version: 'DESC' }, take: 200 });
  }

  async findRevision(tx: EntityManager, articleId: string, version: number): Promise<ArticleRevisionEntity | null> {
    return tx.getRepository(ArticleRevisionEntity).findOneBy({ articleId, version });
  }

  /** Published articles, newest first (stable: first publication time, then id), with their published translations. */
  async publicPage(filters: PublicFilters, offset: number, limit: number): Promise<[ArticleEntity[], number]> {
    const where: string[] = [`a.status = 'published'`];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filters.tag) add('a.tags @> ARRAY[?]::text[]', filters.tag);
    if (filters.region) add('a.region = ?', filters.region);
    if (filters.from) add('a.first_published_at >= ?', filters.from);
    if (filters.to) add('a.first_published_at <= ?', filters.to);
    if (filters.hasLocale) {
      add(`EXISTS (SELECT 1 FROM news.article_translations t WHERE t.article_id = a.id AND t.status = 'published' AND t.locale = ?)`, filters.hasLocale);
    }
    const whereSql = where.join(' AND ');
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM news.articles a WHERE ${whereSql}`, params);
    const ids: { id: string }[] = await this.dataSource.query(
      `SELECT a.id FROM news.articles a WHERE ${whereSql}
        ORDER BY a.first_published_at DESC, a.id DESC
        OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
      [...params, offset, limit],
    );
    return [await this.withPublishedTranslations(ids.map((r) => r.id)), total as number];
  }

  /** A published article with its published translations; callers must not modify it (equal reads share it). */
  async findPublic(id: string): Promise<ArticleEntity | null> {
    const article = await this.publicById.load(id);
    return article?.status === 'published' && article.translations.length > 0 ? article : null;
  }

  async findPublicIdBySlug(slug: string): Promise<string | null> {
    const rows: { article_id: string }[] = await this.dataSource.query(
      `SELECT article_id FROM news.article_translations WHERE slug = $1 AND status = 'published' ORDER BY published_at LIMIT 1`,
      [slug],
    );
    return rows[0]?.article_id ?? null;
  }

  /**
   * Articles with their published translations, in the order of `ids`: one prepared statement on the pg pool (the
   * public read path runs it for every uncached read, so it skips TypeORM's query runner and entity metadata).
   */
  private async withPublishedTranslations(ids: string[]): Promise<ArticleEntity[]> {
    if (ids.length === 0) return [];
    // Named: parsed and planned once per pooled connection, then only Bind/Execute go over the wire.
    const { rows } = await pgPoolOf(this.dataSource).query<PublicArticleRow>({ name: 'news.public-articles.v1', text: PUBLIC_ARTICLES_SQL, values: [ids] });
    const byId = new Map(rows.map((row) => [row.id, articleFromRow(row)]));
    return ids.map((id) => byId.get(id)).filter((a): a is ArticleEntity => Boolean(a));
  }

  async staffPage(status: ArticleStatus | undefined, offset: number, limit: number): Promise<[ArticleEntity[], number]> {
    const qb = this.dataSource.getRepository(ArticleEntity).createQueryBuilder('a').leftJoinAndSelect('a.translations', 't');
    if (status) qb.where('a.status = :status', { status });
    const total = await qb.clone().getCount();
    const idsQb = this.dataSource.getRepository(ArticleEntity).createQueryBuilder('a').select('a.id', 'id');
    if (status) idsQb.where('a.status = :status', { status });
    const ids: { id: string }[] = await idsQb.orderBy('a.updated_at', 'DESC').addOrderBy('a.id', 'DESC').offset(offset).limit(limit).getRawMany();
    if (ids.length === 0) return [[], total];
    const rows = await this.dataSource
      .getRepository(ArticleEntity)
      .find({ where: ids.map((r) => ({ id: r.id })), relations: { translations: true } });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return [ids.map((r) => byId.get(r.id)!).filter(Boolean), total];
  }

  /** Articles whose scheduled time has come, locked so that only one news instance publishes each. */
  async lockDueScheduled(tx: EntityManager, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await tx.query(
      `SELECT id FROM news.articles WHERE scheduled_at <= now() ORDER BY scheduled_at LIMIT $1 FOR UPDATE SKIP LOCKED`,
      [limit],
    );
    return rows.map((r) => r.id);
  }

  /**
   * Articles with all translations by ascending id after `afterId`, and for the first page (`afterId` null) the
   * number of articles (a count scans the table: once per export, not once per page).
   */
  async exportPage(afterId: string | null, limit: number): Promise<[ArticleEntity[], number | null]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM news.articles WHERE ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
    let total: number | null = null;
    if (afterId === null) {
      const counted: { total: number }[] = await this.dataSource.query(`SELECT count(*)::int AS total FROM news.articles`);
      total = counted[0].total;
    }
    if (rows.length === 0) return [[], total];
    const articles = await this.dataSource
      .getRepository(ArticleEntity)
      .find({ where: { id: In(rows.map((r) => r.id)) }, relations: { translations: true }, order: { id: 'ASC' } });
    return [articles, total];
  }

  async publishedIds(afterId: string | null, limit: number): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM news.articles WHERE status = 'published' AND ($1::uuid IS NULL OR id > $1::uuid) ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((r) => r.id);
  }

  async setCommentCount(tx: EntityManager, articleId: string): Promise<void> {
    await tx.query(
      `UPDATE news.articles SET comment_count = (SELECT count(*) FROM news.comments WHERE article_id = $1 AND status = 'approved') WHERE id = $1`,
      [articleId],
    );
  }
}

const PUBLIC_ARTICLES_SQL = `
  SELECT a.id, a.status, a.version, a.region, a.tags, a.cover_image_url, a.author_id, a.scheduled_at, a.scheduled_locales,
         a.first_published_at, a.view_count, a.comment_count, a.created_at, a.updated_at,
         COALESCE(json_agg(json_build_object(
           'locale', t.locale, 'title', t.title, 'summary', t.summary, 'body', t.body, 'slug', t.slug, 'status', t.status,
           'machineTranslated', t.machine_translated, 'publishedAt', t.published_at, 'updatedAt', t.updated_at
         ) ORDER BY t.locale) FILTER (WHERE t.article_id IS NOT NULL), '[]') AS translations
    FROM news.articles a
    LEFT JOIN news.article_translations t ON t.article_id = a.id AND t.status = 'published'
   WHERE a.id = ANY($1::uuid[])
   GROUP BY a.id`;

interface PublicArticleRow {
  id: string;
  status: ArticleStatus;
  version: number;
  region: RegionCode | null;
  tags: string[];
  cover_image_url: string | null;
  author_id: string;
  scheduled_at: Date | null;
  scheduled_locales: ContentLocale[];
  first_published_at: Date | null;
  view_count: string;
  comment_count: number;
  created_at: Date;
  updated_at: Date;
  translations: {
    locale: ContentLocale;
    title: string;
    summary: string;
    body: string;
    slug: string;
    status: ArticleTranslationEntity['status'];
    machineTranslated: boolean;
    publishedAt: string | null;
    updatedAt: string;
  }[];
}

function articleFromRow(row: PublicArticleRow): ArticleEntity {
  const article = Object.assign(new ArticleEntity(), {
    id: row.id,
    status: row.status,
    version: row.version,
    region: row.region,
    tags: row.tags,
    coverImageUrl: row.cover_image_url,
    authorId: row.author_id,
    scheduledAt: row.scheduled_at,
    scheduledLocales: row.scheduled_locales,
    firstPublishedAt: row.first_published_at,
    viewCount: Number(row.view_count),
    commentCount: row.comment_count,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });
  article.translations = row.translations.map((t) =>
    Object.assign(new ArticleTranslationEntity(), {
      ...t,
      articleId: row.id,
      publishedAt: t.publishedAt === null ? null : new Date(t.publishedAt),
      updatedAt: new Date(t.updatedAt),
    }),
  );
  return article;
}
