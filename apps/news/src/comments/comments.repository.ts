import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';

export interface CommentRow {
  id: string;
  article_id: string;
  author_name: string;
  body: string;
  status: 'pending' | 'approved' | 'rejected';
  moderated_by: string | null;
  moderated_at: Date | null;
  created_at: Date;
}

@Injectable()
export class CommentsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async articleIsPublic(articleId: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM news.articles WHERE id = $1 AND status = 'published'`, [articleId]);
    return rows.length > 0;
  }

  async insert(comment: { id: string; articleId: string; name: string; text: string; locale: string | null }): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO news.comments (id, article_id, author_name, body, locale) VALUES ($1, $2, $3, $4, $5)`,
      [comment.id, comment.articleId, comment.name, comment.text, comment.locale],
    );
  }

  async page(filter: { articleId?: string; status: string }, offset: number, limit: number): Promise<[CommentRow[], number]> {
    const params: unknown[] = [filter.status];
    let where = 'status = $1';
    if (filter.articleId) {
      params.push(filter.articleId);
      where += ' AND article_id = $2';
    }
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM news.comments WHERE ${where}`, params);
    const rows: CommentRow[] = await this.dataSource.query(
      `SELECT * FROM news.comments WHERE ${where} ORDER BY created_at, id OFFSET $${params.length + 1} LIMIT $${params.length + 2}`,
      [...params, offset, limit],
    );
    return [rows, total as number];
  }

  async lock(tx: EntityManager, id: string): Promise<CommentRow | null> {
    const rows: CommentRow[] = await tx.query(`SELECT * FROM news.comments WHERE id = $1 FOR UPDATE`, [id]);
    return rows[0] ?? null;
  }

  async setStatus(tx: EntityManager, id: string, status: 'approved' | 'rejected', by: string, reason: string | null): Promise<void> {
    await tx.query(
      `UPDATE news.comments SET status = $2, moderated_by = $3, moderated_at = now(), reject_reason = $4 WHERE id = $1`,
      [id, status, by, reason],
    );
  }

  /** The article's comment count is the number of approved comments. */
  async refreshCommentCount(tx: EntityManager, articleId: string): Promise<void> {
    await tx.query(
      `UPDATE news.articles SET comment_count = (SELECT count(*) FROM news.comments WHERE article_id = $1 AND status = 'approved') WHERE id = $1`,
      [articleId],
    );
  }
}
