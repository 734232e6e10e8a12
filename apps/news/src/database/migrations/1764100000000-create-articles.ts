import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateArticles1764100000000 implements MigrationInterface {
  name = 'CreateArticles1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "news"."articles" (
        "id" uuid PRIMARY KEY,
        "status" text NOT NULL CHECK ("status" IN ('draft', 'scheduled', 'published', 'unpublished', 'archived')),
        "version" integer NOT NULL DEFAULT 1,
        "region" text NULL,
        "tags" text[] NOT NULL DEFAULT '{}',
        "cover_image_url" text NULL,
        "author_id" uuid NOT NULL,
        "scheduled_at" timestamptz NULL,
        "scheduled_locales" text[] NOT NULL DEFAULT '{}',
        "first_published_at" timestamptz NULL,
        "view_count" bigint NOT NULL DEFAULT 0,
        "comment_count" integer NOT NULL DEFAULT 0,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(
      `CREATE INDEX "articles_public_order" ON "news"."articles" ("first_published_at" DESC, "id" DESC) WHERE "status" = 'published'`,
    );
    await queryRunner.query(`CREATE INDEX "articles_tags" ON "news"."articles" USING gin ("tags")`);
    await queryRunner.query(`CREATE INDEX "articles_due" ON "news"."articles" ("scheduled_at") WHERE "scheduled_at" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "articles_staff_order" ON "news"."articles" ("updated_at" DESC, "id" DESC)`);
    await queryRunner.query(`
      CREATE TABLE "news"."article_translations" (
        "article_id" uuid NOT NULL REFERENCES "news"."articles" ("id") ON DELETE CASCADE,
        "locale" text NOT NULL CHECK ("locale" IN ('kk-Cyrl', 'kk-Latn', 'ru', 'en')),
        "title" text NOT NULL,
        "summary" text NOT NULL DEFAULT '',
        "body" text NOT NULL DEFAULT '',
        "slug" text NOT NULL,
        "status" text NOT NULL DEFAULT 'draft' CHECK ("status" IN ('draft', 'published', 'unpublished')),
        "machine_translated" boolean NOT NULL DEFAULT false,
        "published_at" timestamptz NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("article_id", "locale")
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "article_translations_slug" ON "news"."article_translations" ("locale", "slug")`);
    await queryRunner.query(`CREATE INDEX "article_translations_slug_any" ON "news"."article_translations" ("slug")`);
    await queryRunner.query(`
      CREATE TABLE "news"."article_revisions" (
        "article_id" uuid NOT NULL REFERENCES "news"."articles" ("id") ON DELETE CASCADE,
        "version" integer NOT NULL,
        "action" text NOT NULL,
        "author_id" uuid NOT NULL,
        "snapshot" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY ("article_id", "version")
      )`);
    await queryRunner.query(`
      CREATE TABLE "news"."comments" (
        "id" uuid PRIMARY KEY,
        "article_id" uuid NOT NULL REFERENCES "news"."articles" ("id") ON DELETE CASCADE,
        "author_name" text NOT NULL,
        "body" text NOT NULL,
        "locale" text NULL,
        "status" text NOT NULL DEFAULT 'pending' CHECK ("status" IN ('pending', 'approved', 'rejected')),
        "moderated_by" uuid NULL,
        "moderated_at" timestamptz NULL,
        "reject_reason" text NULL,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "comments_article" ON "news"."comments" ("article_id", "status", "created_at")`);
    await queryRunner.query(`CREATE INDEX "comments_status" ON "news"."comments" ("status", "created_at")`);
    await queryRunner.query(`
      CREATE TABLE "news"."view_offsets" (
        "topic" text NOT NULL,
        "partition" integer NOT NULL,
        "next_offset" bigint NOT NULL,
        PRIMARY KEY ("topic", "partition")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "news"."view_offsets"`);
    await queryRunner.query(`DROP TABLE "news"."comments"`);
    await queryRunner.query(`DROP TABLE "news"."article_revisions"`);
    await queryRunner.query(`DROP TABLE "news"."article_translations"`);
    await queryRunner.query(`DROP TABLE "news"."articles"`);
  }
}
