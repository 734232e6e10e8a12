import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateNewsSchema1764000000000 implements MigrationInterface {
  name = 'CreateNewsSchema1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "news"`);
    await queryRunner.query(`
      CREATE TABLE "news"."outbox_events" (
        "id" uuid PRIMARY KEY,
        "seq" bigserial NOT NULL,
        "topic" text NOT NULL,
        "key" text NOT NULL,
        "event" jsonb NOT NULL,
        "headers" jsonb NOT NULL DEFAULT '{}'::jsonb,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "published_at" timestamptz NULL
      )`);
    await queryRunner.query(
      `CREATE INDEX "outbox_events_unpublished" ON "news"."outbox_events" ("seq") WHERE "published_at" IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "news"."outbox_events"`);
  }
}
