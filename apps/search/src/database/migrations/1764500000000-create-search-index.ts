import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The PostgreSQL engine's index (one table per scope: public = published translations only, staff = every
 * translation), the word list for typo tolerance (pg_trgm), per-article versions for both engines, and metadata.
 */
export class CreateSearchIndex1764500000000 implements MigrationInterface {
  name = 'CreateSearchIndex1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "search"`);
    // pg_trgm is a trusted extension (PostgreSQL 13+): the database owner may create it.
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public`);
    await queryRunner.query(`
      CREATE TABLE "search"."article_versions" (
        "scope" text NOT NULL CHECK ("scope" IN ('public', 'staff')),
        "article_id" uuid NOT NULL,
        "version" integer NOT NULL,
        "removed" boolean NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("scope", "article_id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "search"."rebuild_versions" (
        "scope" text NOT NULL,
        "article_id" uuid NOT NULL,
        "version" integer NOT NULL,
        "removed" boolean NOT NULL,
        PRIMARY KEY ("scope", "article_id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "search"."index_meta" (
        "key" text PRIMARY KEY,
        "value" jsonb NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE TABLE "search"."words" ("word" text PRIMARY KEY)`);
    await queryRunner.query(`CREATE INDEX "words_trgm" ON "search"."words" USING gin ("word" gin_trgm_ops)`);
    for (const scope of ['public', 'staff']) {
      await queryRunner.query(`
        CREATE TABLE "search"."${scope}_entries" (
          "article_id" uuid NOT NULL,
          "locale" text NOT NULL,
          "version" integer NOT NULL,
          "article_status" text NOT NULL,
          "translation_status" text NOT NULL,
          "region" text NULL,
          "tags" text[] NOT NULL,
          "published_at" timestamptz NULL,
          "sort_date" timestamptz NOT NULL,
          "updated_at" timestamptz NOT NULL,
          "title" text NOT NULL,
          "summary" text NOT NULL,
          "body" text NOT NULL,
          "slug" text NOT NULL,
          "tsv" tsvector NOT NULL,
          "title_tsv" tsvector NOT NULL,
          PRIMARY KEY ("article_id", "locale")
        )`);
      await queryRunner.query(`CREATE INDEX "${scope}_entries_tsv" ON "search"."${scope}_entries" USING gin ("tsv")`);
      await queryRunner.query(`CREATE INDEX "${scope}_entries_title_tsv" ON "search"."${scope}_entries" USING gin ("title_tsv")`);
      await queryRunner.query(`CREATE INDEX "${scope}_entries_sort_date" ON "search"."${scope}_entries" ("sort_date" DESC)`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "search"."staff_entries"`);
    await queryRunner.query(`DROP TABLE "search"."public_entries"`);
    await queryRunner.query(`DROP TABLE "search"."words"`);
    await queryRunner.query(`DROP TABLE "search"."index_meta"`);
    await queryRunner.query(`DROP TABLE "search"."rebuild_versions"`);
    await queryRunner.query(`DROP TABLE "search"."article_versions"`);
    // pg_trgm stays: other schemas of the database may use it.
  }
}
