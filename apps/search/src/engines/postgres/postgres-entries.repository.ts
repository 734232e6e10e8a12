import type { IndexScope } from '@birgemiz/contracts';
import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import type { TranslationDocument } from '../../documents/search-document';
import { lexemesOf } from './tsvector-literal';
import { entriesTable, RECENT_WINDOWS, stemConfig, type WindowBound } from './postgres-query';

export interface EntryRow {
  article_id: string;
  locale: string;
  version: number;
  article_status: string;
  translation_status: string;
  region: string | null;
  tags: string[];
  published_at: Date | null;
  sort_date: Date;
  updated_at: Date;
  title: string;
  summary: string;
  body: string;
  slug: string;
  words?: number;
  score?: number;
  total?: string;
  candidates?: string;
  windowed?: boolean;
}

/** A document's fields as the write statements read them (jsonb_to_recordset), texts aside. */
function fieldsRecord(d: TranslationDocument) {
  return {
    article_id: d.articleId,
    locale: d.locale,
    version: d.version,
    article_status: d.articleStatus,
    translation_status: d.translationStatus,
    region: d.region,
    tags: d.tags,
    published_at: d.publishedAt,
    sort_date: d.sortDate,
    updated_at: d.updatedAt,
    slug: d.slug,
  };
}

/** The MD5 of a document's texts as PostgreSQL's md5() computes it over the same concatenation (UTF-8 bytes). */
export function textsDigest(d: Pick<TranslationDocument, 'title' | 'summary' | 'body'>): string {
  return createHash('md5').update(`${d.title}\x1f${d.summary}\x1f${d.body}`).digest('hex');
}

/** Rows as the copy statement reads them: the document's fields without its texts, and their digest. */
function toDigestRecord(d: TranslationDocument) {
  return { ...fieldsRecord(d), digest: textsDigest(d) };
}

/**
 * Rows as the insert statement reads them (jsonb_to_recordset): original text plus the lexemes of its normalised
 * spellings as tsvector literals (lexemesOf), and the distinct lexemes for the word list (not sent with the row).
 */
function toRecord(d: TranslationDocument) {
  const title = lexemesOf(d.title);
  const summary = lexemesOf(d.summary);
  const body = lexemesOf(d.body);
  return {
    row: { ...fieldsRecord(d), title: d.title, summary: d.summary, body: d.body, cfg: stemConfig(d.locale), title_forms: title.literal, summary_forms: summary.literal, body_forms: body.literal },
    words: [title.words, summary.words, body.words],
  };
}

const FIELD_COLUMNS = `article_id uuid, locale text, version int, article_status text, translation_status text, region text,
  tags text[], published_at timestamptz, sort_date timestamptz, updated_at timestamptz, slug text`;

const DIGEST_COLUMNS = `${FIELD_COLUMNS}, digest text`;

const RECORD_COLUMNS = `${FIELD_COLUMNS}, title text, summary text, body text, cfg text, title_forms tsvector, summary_forms tsvector, body_forms tsvector`;

/**
 * The stemmed vector of an original text (Russian or English by locale). Kazakh translations are indexed with the
 * 'simple' configuration, whose vector of the original text is the lower-cased spelling lexemesOf already gives:
 * none then.
 */
function stemmed(text: string): string {
  return `CASE WHEN d.cfg = 'simple' THEN ''::tsvector ELSE to_tsvector(d.cfg::regconfig, ${text}) END`;
}

/** Sort memory for building a rebuilt table's indexes (per building session; GIN builds slow down a lot when it is short). */
const REBUILD_MAINTENANCE_WORK_MEM = '256MB';

/** The PostgreSQL engine's storage: entries tables per scope, the word list, rebuild tables. */
@Injectable()
export class PostgresEntriesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Writes documents (insert or replace by article and locale) with their tsvectors, and records their spellings in
   * the word list. `seenWords` (a rebuild's) remembers the words already sent to the word list, so each is sent
   * once per rebuild rather than once per document.
   */
  async insert(runner: EntityManager | DataSource, table: string, documents: TranslationDocument[], seenWords?: Set<string>): Promise<void> {
    if (documents.length === 0) return;
    const records = documents.map(toRecord);
    await runner.query(
      `INSERT INTO ${table} ("article_id", "locale", "version", "article_status", "translation_status", "region", "tags",
         "published_at", "sort_date", "updated_at", "title", "summary", "body", "slug", "tsv", "title_tsv")
       SELECT d.article_id, d.locale, d.version, d.article_status, d.translation_status, d.region, coalesce(d.tags, '{}'),
         d.published_at, d.sort_date, d.updated_at, d.title, d.summary, d.body, d.slug,
         setweight(v.title_tsv, 'A')
           || setweight(d.summary_forms, 'B') || setweight(${stemmed('d.summary')}, 'B')
           || setweight(d.body_forms, 'C') || setweight(${stemmed('d.body')}, 'C'),
         v.title_tsv
       FROM jsonb_to_recordset($1::jsonb) AS d(${RECORD_COLUMNS}),
         LATERAL (SELECT d.title_forms || ${stemmed('d.title')} AS title_tsv) v
       ON CONFLICT ("article_id", "locale") DO UPDATE SET
         "version" = EXCLUDED."version", "article_status" = EXCLUDED."article_status", "translation_status" = EXCLUDED."translation_status",
         "region" = EXCLUDED."region", "tags" = EXCLUDED."tags", "published_at" = EXCLUDED."published_at", "sort_date" = EXCLUDED."sort_date",
         "updated_at" = EXCLUDED."updated_at", "title" = EXCLUDED."title", "summary" = EXCLUDED."summary", "body" = EXCLUDED."body",
         "slug" = EXCLUDED."slug", "tsv" = EXCLUDED."tsv", "title_tsv" = EXCLUDED."title_tsv"`,
      [JSON.stringify(records.map((r) => r.row))],
    );
    await this.recordWords(runner, records, seenWords ?? new Set());
  }

  /** The word list behind typo tolerance and prefix words: every spelling the index holds (letters only, 3–32 characters). */
  private async recordWords(runner: EntityManager | DataSource, records: ReturnType<typeof toRecord>[], seen: Set<string>): Promise<void> {
    const fresh: string[] = [];
    for (const record of records) {
      for (const words of record.words) {
        for (const word of words) {
          if (seen.has(word)) continue;
          seen.add(word);
          fresh.push(word);
        }
      }
    }
    if (fresh.length === 0) return;
    await runner.query(
      `INSERT INTO "search"."words" ("word")
       SELECT DISTINCT w FROM unnest($1::text[]) AS w
       WHERE length(w) BETWEEN 3 AND 32 AND w !~ '[0-9_-]'
       ORDER BY 1
       ON CONFLICT DO NOTHING`,
      [fresh],
    );
  }

  insertIntoRebuild(table: string, documents: TranslationDocument[], seenWords: Set<string>): Promise<void> {
    return this.insert(this.dataSource, table, documents, seenWords);
  }

  /**
   * Writes into a rebuild table the documents whose texts `source` (another rebuild table) already holds for the
   * same article and locale, reusing its texts and tsvectors (the same texts and locale give the same vectors);
   * returns the documents it did not find there. The texts are not sent: each document carries a digest of them
   * (textsDigest), compared with the digest of the source row's texts.
   */
  async copyFromRebuild(table: string, source: string, documents: TranslationDocument[]): Promise<TranslationDocument[]> {
    if (documents.length === 0) return [];
    const copied: { article_id: string; locale: string }[] = await this.dataSource.query(
      `INSERT INTO ${table} ("article_id", "locale", "version", "article_status", "translation_status", "region", "tags",
         "published_at", "sort_date", "updated_at", "title", "summary", "body", "slug", "tsv", "title_tsv")
       SELECT d.article_id, d.locale, d.version, d.article_status, d.translation_status, d.region, coalesce(d.tags, '{}'),
         d.published_at, d.sort_date, d.updated_at, s."title", s."summary", s."body", d.slug, s."tsv", s."title_tsv"
       FROM jsonb_to_recordset($1::jsonb) AS d(${DIGEST_COLUMNS})
       JOIN ${source} s ON s."article_id" = d.article_id AND s."locale" = d.locale
         AND md5(s."title" || E'\\x1f' || s."summary" || E'\\x1f' || s."body") = d.digest
       RETURNING "article_id", "locale"`,
      [JSON.stringify(documents.map(toDigestRecord))],
    );
    const done = new Set(copied.map((r) => `${r.article_id}/${r.locale}`));
    return documents.filter((d) => !done.has(`${d.articleId}/${d.locale}`));
  }

  async replace(tx: EntityManager, scope: IndexScope, articleId: string, documents: TranslationDocument[]): Promise<void> {
    const table = entriesTable(scope);
    const keep = documents.map((d) => d.locale);
    await tx.query(`DELETE FROM ${table} WHERE "article_id" = $1 AND NOT ("locale" = ANY($2::text[]))`, [articleId, keep]);
    await this.insert(tx, table, documents);
  }

  /** Runs a search statement (the search service's sessions run without JIT: see its data source). */
  async search(sql: string, params: unknown[]): Promise<EntryRow[]> {
    return this.dataSource.query(sql, params);
  }

  async facets(sql: string, params: unknown[]): Promise<{ facet: string; value: string; n: string }[]> {
    return this.dataSource.query(sql, params);
  }

  /**
   * Typo candidates, in one statement: of the given words (each a list of spellings), those whose spellings the
   * index holds none of get, for each of their first two spellings, up to 3 indexed spellings close to it (trigram
   * similarity ≥ 0.4, length within ±2). Returns the candidates by word index; known words are absent.
   */
  async typoCandidates(words: (readonly string[])[]): Promise<Map<number, string[]>> {
    const out = new Map<number, string[]>();
    const index: number[] = [];
    const forms: string[] = [];
    const position: number[] = [];
    words.forEach((list, w) => list.forEach((form, i) => (index.push(w), forms.push(form), position.push(i))));
    if (forms.length === 0) return out;
    const rows: { w: number; similar: string[] }[] = await this.dataSource.query(
      `WITH f AS (SELECT * FROM unnest($1::int[], $2::text[], $3::int[]) AS f(w, q, i)),
       unknown AS (
         SELECT f.w FROM f GROUP BY f.w
         HAVING NOT bool_or(EXISTS (SELECT 1 FROM "search"."words" x WHERE x."word" = f.q))
       )
       SELECT f.w, ARRAY(
           SELECT s."word" FROM "search"."words" s
           WHERE s."word" % f.q AND abs(length(s."word") - length(f.q)) <= 2 AND similarity(s."word", f.q) >= 0.4
           ORDER BY similarity(s."word", f.q) DESC, s."word" LIMIT 3) AS similar
       FROM f JOIN unknown USING (w)
       WHERE f.i < 2
       ORDER BY f.w, f.i`,
      [index, forms, position],
    );
    for (const row of rows) out.set(row.w, [...(out.get(row.w) ?? []), ...row.similar]);
    return out;
  }

  async count(scope: IndexScope): Promise<number> {
    const rows: { n: string }[] = await this.dataSource.query(`SELECT count(*) AS n FROM ${entriesTable(scope)}`);
    return Number(rows[0].n);
  }

  /** A new, unindexed copy of the scope's table for a rebuild (indexes are built after loading: faster). */
  async createRebuildTable(scope: IndexScope, suffix: string): Promise<string> {
    const table = entriesTable(scope, suffix);
    await this.dataSource.query(`DROP TABLE IF EXISTS ${table}`);
    await this.dataSource.query(`CREATE TABLE ${table} (LIKE ${entriesTable(scope)} INCLUDING DEFAULTS INCLUDING CONSTRAINTS)`);
    await this.dataSource.query(`ALTER TABLE ${table} ADD PRIMARY KEY ("article_id", "locale")`);
    // The vectors are the bulk of a row, and a row still over 2 kB once they are compressed has its texts compressed
    // too; lz4 costs less CPU to compress than pglz (where the server has it: built with lz4, PostgreSQL 14 or later;
    // older servers have no such setting and keep pglz).
    const settings: { lz4: boolean }[] = await this.dataSource.query(
      `SELECT 'lz4' = ANY(enumvals) AS lz4 FROM pg_settings WHERE name = 'default_toast_compression'`,
    );
    if (settings[0]?.lz4) {
      const columns = ['tsv', 'title_tsv', 'title', 'summary', 'body'].map((c) => `ALTER COLUMN "${c}" SET COMPRESSION lz4`);
      await this.dataSource.query(`ALTER TABLE ${table} ${columns.join(', ')}`);
    }
    return table;
  }

  async dropTable(scope: IndexScope, suffix: string): Promise<void> {
    await this.dataSource.query(`DROP TABLE IF EXISTS ${entriesTable(scope, suffix)}`);
  }

  /** Builds the rebuilt table's indexes in one transaction, with memory enough to sort each GIN index in one pass. */
  async indexRebuildTable(scope: IndexScope, suffix: string): Promise<void> {
    const table = entriesTable(scope, suffix);
    const name = `${scope}_entries${suffix}`;
    await this.dataSource.transaction(async (tx) => {
      await tx.query(`SET LOCAL maintenance_work_mem = '${REBUILD_MAINTENANCE_WORK_MEM}'`);
      // Index builds of a large scope may take longer than the pool's statement timeout.
      await tx.query(`SET LOCAL statement_timeout = 0`);
      await tx.query(`CREATE INDEX "${name}_tsv" ON ${table} USING gin ("tsv")`);
      await tx.query(`CREATE INDEX "${name}_title_tsv" ON ${table} USING gin ("title_tsv")`);
      await tx.query(`CREATE INDEX "${name}_sort_date" ON ${table} ("sort_date" DESC)`);
      // The recent windows (see RECENT_WINDOWS): partial indexes over the newest rows and every row written later.
      for (const window of RECENT_WINDOWS) {
        const rows: { since: Date }[] = await tx.query(`SELECT "sort_date" AS since FROM ${table} ORDER BY "sort_date" DESC OFFSET $1 LIMIT 1`, [window.rows - 1]);
        if (rows.length === 0) continue;
        // A literal is required in an index predicate; it is our own timestamp, rendered by PostgreSQL's own quoting.
        const since = new Date(rows[0].since).toISOString();
        const [{ literal }] = await tx.query(`SELECT quote_literal($1::timestamptz::text) AS literal`, [since]);
        const predicate = `WHERE "sort_date" >= ${literal}::timestamptz`;
        await tx.query(`CREATE INDEX "${name}_${window.name}_tsv" ON ${table} USING gin (${window.expression('"tsv"')}) ${predicate}`);
        await tx.query(`CREATE INDEX "${name}_${window.name}_title_tsv" ON ${table} USING gin (${window.expression('"title_tsv"')}) ${predicate}`);
      }
      await tx.query(`ANALYZE ${table}`);
    });
  }

  /**
   * The scope's recent windows as they stand, smallest first: each one's lower bound, read from its partial tsv
   * index's predicate (index names end in `_<window>_tsv`); a window without that index is absent.
   */
  async recentWindows(scope: IndexScope): Promise<WindowBound[]> {
    const rows: { index: string; since: Date | null }[] = await this.dataSource.query(
      `SELECT c."relname" AS index,
         (regexp_match(pg_get_expr(i."indpred", i."indrelid"), '''([^'']+)''::timestamp with time zone'))[1]::timestamptz AS since
       FROM pg_index i JOIN pg_class c ON c."oid" = i."indexrelid"
       WHERE i."indrelid" = to_regclass($1) AND i."indpred" IS NOT NULL`,
      [entriesTable(scope)],
    );
    const out: WindowBound[] = [];
    for (const window of RECENT_WINDOWS) {
      const row = rows.find((r) => r.index.endsWith(`_${window.name}_tsv`) && r.since);
      if (row?.since) out.push({ window, since: new Date(row.since) });
    }
    return out;
  }

  /**
   * Copies the live rows of `articleIds` into the rebuilt table (they changed after the rebuild read them), then
   * renames the rebuilt table into place and drops the old one, all in `tx`: readers see the old table or the new
   * one, never a mix, and wait only for the renames.
   */
  async swap(tx: EntityManager, scope: IndexScope, suffix: string, articleIds: string[]): Promise<void> {
    const live = entriesTable(scope);
    const fresh = entriesTable(scope, suffix);
    if (articleIds.length > 0) {
      await tx.query(`DELETE FROM ${fresh} WHERE "article_id" = ANY($1::uuid[])`, [articleIds]);
      await tx.query(`INSERT INTO ${fresh} SELECT * FROM ${live} WHERE "article_id" = ANY($1::uuid[])`, [articleIds]);
    }
    await tx.query(`ALTER TABLE ${live} RENAME TO "${scope}_entries_old${suffix}"`);
    await tx.query(`ALTER TABLE ${fresh} RENAME TO "${scope}_entries"`);
    await tx.query(`DROP TABLE "search"."${scope}_entries_old${suffix}"`);
  }

  async ping(): Promise<void> {
    await this.dataSource.query(`SELECT 1 FROM "search"."public_entries" LIMIT 1`);
  }
}
