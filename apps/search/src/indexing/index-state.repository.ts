import type { IndexScope } from '@birgemiz/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface HeldVersion {
  version: number;
  removed: boolean;
}

export interface VersionRow {
  articleId: string;
  version: number;
  removed: boolean;
  updatedAt: Date;
}

/**
 * Per-article versions of what each scope of the index holds (both engines keep them here), the versions a
 * rebuild wrote, and index metadata. The row lock on an article's version serialises every write to that
 * article's documents.
 */
@Injectable()
export class IndexStateRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Runs `work` in a transaction holding the lock on one article's version row (created at 0 if missing). */
  async withArticleLock<T>(scope: IndexScope, articleId: string, work: (tx: EntityManager, held: HeldVersion | null) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(
        `INSERT INTO "search"."article_versions" ("scope", "article_id", "version", "removed") VALUES ($1, $2, 0, true)
         ON CONFLICT DO NOTHING`,
        [scope, articleId],
      );
      const rows: { version: number; removed: boolean }[] = await tx.query(
        `SELECT "version", "removed" FROM "search"."article_versions" WHERE "scope" = $1 AND "article_id" = $2 FOR UPDATE`,
        [scope, articleId],
      );
      const row = rows[0];
      return work(tx, row && row.version > 0 ? { version: row.version, removed: row.removed } : null);
    });
  }

  async setVersion(tx: EntityManager, scope: IndexScope, articleId: string, version: number, removed: boolean): Promise<void> {
    await tx.query(
      `UPDATE "search"."article_versions" SET "version" = $3, "removed" = $4, "updated_at" = now() WHERE "scope" = $1 AND "article_id" = $2`,
      [scope, articleId, version, removed],
    );
  }

  async versions(scope: IndexScope): Promise<Map<string, VersionRow>> {
    const rows: { article_id: string; version: number; removed: boolean; updated_at: Date }[] = await this.dataSource.query(
      `SELECT "article_id", "version", "removed", "updated_at" FROM "search"."article_versions" WHERE "scope" = $1 AND "version" > 0`,
      [scope],
    );
    return new Map(rows.map((r) => [r.article_id, { articleId: r.article_id, version: r.version, removed: r.removed, updatedAt: r.updated_at }]));
  }

  async countArticles(scope: IndexScope): Promise<number> {
    const rows: { n: string }[] = await this.dataSource.query(
      `SELECT count(*) AS n FROM "search"."article_versions" WHERE "scope" = $1 AND "version" > 0 AND NOT "removed"`,
      [scope],
    );
    return Number(rows[0].n);
  }

  async clearRebuildVersions(scope: IndexScope): Promise<void> {
    await this.dataSource.query(`DELETE FROM "search"."rebuild_versions" WHERE "scope" = $1`, [scope]);
  }

  /** What a rebuild wrote: each article's version, and whether it has no documents in the scope. */
  async recordRebuildVersions(scope: IndexScope, versions: { articleId: string; version: number; removed: boolean }[]): Promise<void> {
    if (versions.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO "search"."rebuild_versions" ("scope", "article_id", "version", "removed")
       SELECT $1, v.id, v.version, v.removed FROM unnest($2::uuid[], $3::int[], $4::boolean[]) AS v(id, version, removed)
       ON CONFLICT ("scope", "article_id") DO UPDATE SET "version" = EXCLUDED."version", "removed" = EXCLUDED."removed"`,
      [scope, versions.map((v) => v.articleId), versions.map((v) => v.version), versions.map((v) => v.removed)],
    );
  }

  /**
   * Runs `work` with every article version of the scope locked against writers (the event indexer waits), and
   * passes the articles the live index holds at a newer version than the rebuild wrote (or that the rebuild
   * never saw). Afterwards the versions become the greater of both.
   */
  async withScopeLocked<T>(scope: IndexScope, work: (tx: EntityManager, newerArticleIds: string[]) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (tx) => {
      await tx.query(`LOCK TABLE "search"."article_versions" IN EXCLUSIVE MODE`);
      const newer: { article_id: string }[] = await tx.query(
        `SELECT v."article_id" FROM "search"."article_versions" v
         LEFT JOIN "search"."rebuild_versions" b ON b."scope" = v."scope" AND b."article_id" = v."article_id"
         WHERE v."scope" = $1 AND v."version" > 0 AND (b."version" IS NULL OR v."version" > b."version")`,
        [scope],
      );
      const result = await work(
        tx,
        newer.map((r) => r.article_id),
      );
      await tx.query(
        `INSERT INTO "search"."article_versions" ("scope", "article_id", "version", "removed")
         SELECT b."scope", b."article_id", b."version", b."removed" FROM "search"."rebuild_versions" b WHERE b."scope" = $1
         ON CONFLICT ("scope", "article_id") DO UPDATE SET "version" = EXCLUDED."version", "removed" = EXCLUDED."removed", "updated_at" = now()
         WHERE "article_versions"."version" < EXCLUDED."version"`,
        [scope],
      );
      await tx.query(`DELETE FROM "search"."rebuild_versions" WHERE "scope" = $1`, [scope]);
      return result;
    });
  }

  async getMeta<T>(key: string): Promise<T | null> {
    const rows: { value: T }[] = await this.dataSource.query(`SELECT "value" FROM "search"."index_meta" WHERE "key" = $1`, [key]);
    return rows[0]?.value ?? null;
  }

  async setMeta(key: string, value: unknown): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "search"."index_meta" ("key", "value") VALUES ($1, $2::jsonb)
       ON CONFLICT ("key") DO UPDATE SET "value" = EXCLUDED."value", "updated_at" = now()`,
      [key, JSON.stringify(value)],
    );
  }

  /** Inserts the meta value unless one exists; returns the stored value. */
  async initMeta<T>(key: string, value: T): Promise<T> {
    await this.dataSource.query(`INSERT INTO "search"."index_meta" ("key", "value") VALUES ($1, $2::jsonb) ON CONFLICT DO NOTHING`, [
      key,
      JSON.stringify(value),
    ]);
    return (await this.getMeta<T>(key)) as T;
  }
}
