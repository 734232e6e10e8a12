import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateVolunteersSchema1764000000000 implements MigrationInterface {
  name = 'CreateVolunteersSchema1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SCHEMA IF NOT EXISTS "volunteers"`);
    await queryRunner.query(`
      CREATE TABLE "volunteers"."outbox_events" (
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
      `CREATE INDEX "outbox_events_unpublished" ON "volunteers"."outbox_events" ("seq") WHERE "published_at" IS NULL`,
    );
    await queryRunner.query(`
      CREATE TABLE "volunteers"."staff_accounts" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "email" text NOT NULL,
        "display_name" text NOT NULL,
        "role" text NOT NULL CHECK ("role" IN ('admin', 'editor', 'coordinator')),
        "password_hash" text NOT NULL,
        "active" boolean NOT NULL DEFAULT true,
        "failed_logins" integer NOT NULL DEFAULT 0,
        "locked_until" timestamptz NULL,
        "last_login_at" timestamptz NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "staff_accounts_email" ON "volunteers"."staff_accounts" (lower("email"))`);
    await queryRunner.query(`
      CREATE TABLE "volunteers"."refresh_tokens" (
        "id" uuid PRIMARY KEY,
        "staff_id" uuid NOT NULL REFERENCES "volunteers"."staff_accounts" ("id") ON DELETE CASCADE,
        "secret_hash" text NOT NULL,
        "expires_at" timestamptz NOT NULL,
        "revoked_at" timestamptz NULL,
        "replaced_by" uuid NULL,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "refresh_tokens_staff" ON "volunteers"."refresh_tokens" ("staff_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "volunteers"."refresh_tokens"`);
    await queryRunner.query(`DROP TABLE "volunteers"."staff_accounts"`);
    await queryRunner.query(`DROP TABLE "volunteers"."outbox_events"`);
  }
}
