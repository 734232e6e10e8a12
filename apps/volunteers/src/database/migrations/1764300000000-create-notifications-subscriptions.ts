import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications: the applicant's e-mail locale, newsletter subscriptions (double opt-in), the delivery log that makes
 * every send idempotent, newsletter issues (one stored copy of each published article, its latest version), the regions each staff member gets new-application alerts for.
 */
export class CreateNotificationsSubscriptions1764300000000 implements MigrationInterface {
  name = 'CreateNotificationsSubscriptions1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "volunteers"."applications"
        ADD COLUMN "locale" text NULL CHECK ("locale" IS NULL OR "locale" IN ('kk-Cyrl', 'kk-Latn', 'ru', 'en'))`);

    await queryRunner.query(`
      CREATE TABLE "volunteers"."subscriptions" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "email" text NULL,
        "status" text NOT NULL DEFAULT 'pending' CHECK ("status" IN ('pending', 'confirmed', 'unsubscribed')),
        "locale" text NOT NULL CHECK ("locale" IN ('kk-Cyrl', 'kk-Latn', 'ru', 'en')),
        "topics" text[] NOT NULL CHECK (cardinality("topics") > 0 AND "topics" <@ ARRAY['news', 'campaigns', 'region']::text[]),
        "region" text NULL,
        "frequency" text NOT NULL DEFAULT 'immediate' CHECK ("frequency" IN ('immediate', 'daily')),
        "generation" integer NOT NULL DEFAULT 1,
        "confirm_requests" integer NOT NULL DEFAULT 1,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "confirmed_at" timestamptz NULL,
        "unsubscribed_at" timestamptz NULL,
        "unsubscribe_method" text NULL CHECK ("unsubscribe_method" IS NULL OR "unsubscribe_method" IN ('link', 'one-click', 'erasure')),
        CONSTRAINT "subscriptions_region_topic" CHECK (NOT ('region' = ANY ("topics")) OR "region" IS NOT NULL)
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "subscriptions_email" ON "volunteers"."subscriptions" ("email") WHERE "email" IS NOT NULL`);
    await queryRunner.query(
      `CREATE INDEX "subscriptions_confirmed" ON "volunteers"."subscriptions" ("frequency", "id") WHERE "status" = 'confirmed'`,
    );

    await queryRunner.query(`
      CREATE TABLE "volunteers"."notification_deliveries" (
        "job_id" text PRIMARY KEY,
        "channel" text NOT NULL CHECK ("channel" IN ('email', 'webhook')),
        "type" text NOT NULL,
        "status" text NOT NULL CHECK ("status" IN ('sent', 'skipped')),
        "detail" text NULL,
        "message_id" text NULL,
        "response_status" integer NULL,
        "attempts" integer NOT NULL DEFAULT 1,
        "enqueued_at" timestamptz NULL,
        "sent_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "notification_deliveries_sent_at" ON "volunteers"."notification_deliveries" ("sent_at")`);

    await queryRunner.query(`
      CREATE TABLE "volunteers"."newsletter_issues" (
        "article_id" uuid PRIMARY KEY,
        "version" integer NOT NULL,
        "region" text NULL,
        "payload" jsonb NOT NULL,
        "received_at" timestamptz NOT NULL DEFAULT now(),
        "fanned_out_at" timestamptz NULL,
        "withdrawn_at" timestamptz NULL
      )`);
    await queryRunner.query(`CREATE INDEX "newsletter_issues_received" ON "volunteers"."newsletter_issues" ("received_at")`);

    await queryRunner.query(`
      CREATE TABLE "volunteers"."staff_alerts" (
        "staff_id" uuid PRIMARY KEY REFERENCES "volunteers"."staff_accounts" ("id") ON DELETE CASCADE,
        "regions" text[] NOT NULL,
        "locale" text NOT NULL CHECK ("locale" IN ('kk-Cyrl', 'kk-Latn', 'ru', 'en')),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "staff_alerts_regions" ON "volunteers"."staff_alerts" USING gin ("regions")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "volunteers"."staff_alerts"`);
    await queryRunner.query(`DROP TABLE "volunteers"."newsletter_issues"`);
    await queryRunner.query(`DROP TABLE "volunteers"."notification_deliveries"`);
    await queryRunner.query(`DROP TABLE "volunteers"."subscriptions"`);
    await queryRunner.query(`ALTER TABLE "volunteers"."applications" DROP COLUMN "locale"`);
  }
}
