import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Applications and their audit trail, volunteer profiles, campaigns and sign-ups. */
export class CreateApplicationsVolunteersCampaigns1764200000000 implements MigrationInterface {
  name = 'CreateApplicationsVolunteersCampaigns1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE SEQUENCE "volunteers"."application_reference_seq"`);
    await queryRunner.query(`CREATE SEQUENCE "volunteers"."signup_queue_seq"`);
    await queryRunner.query(`
      CREATE TABLE "volunteers"."volunteers" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "status" text NOT NULL DEFAULT 'active' CHECK ("status" IN ('active', 'inactive')),
        "full_name" text NULL,
        "email" text NULL,
        "phone" text NULL,
        "birth_date" date NULL,
        "region" text NOT NULL,
        "city" text NULL,
        "languages" jsonb NOT NULL DEFAULT '[]'::jsonb,
        "skills" text[] NOT NULL DEFAULT '{}',
        "erased_at" timestamptz NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE UNIQUE INDEX "volunteers_email" ON "volunteers"."volunteers" ("email") WHERE "email" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "volunteers_region_city" ON "volunteers"."volunteers" ("region", lower("city"))`);
    await queryRunner.query(`CREATE INDEX "volunteers_languages" ON "volunteers"."volunteers" USING gin ("languages" jsonb_path_ops)`);
    await queryRunner.query(`CREATE INDEX "volunteers_skills" ON "volunteers"."volunteers" USING gin ("skills")`);

    await queryRunner.query(`
      CREATE TABLE "volunteers"."campaigns" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "status" text NOT NULL DEFAULT 'draft' CHECK ("status" IN ('draft', 'open', 'closed', 'finished')),
        "region" text NOT NULL,
        "place" text NOT NULL,
        "starts_at" timestamptz NOT NULL,
        "ends_at" timestamptz NOT NULL,
        "capacity" integer NOT NULL CHECK ("capacity" > 0),
        "confirmed_count" integer NOT NULL DEFAULT 0,
        "waitlist_count" integer NOT NULL DEFAULT 0 CHECK ("waitlist_count" >= 0),
        "translations" jsonb NOT NULL,
        "version" integer NOT NULL DEFAULT 1,
        "created_by" uuid NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "campaigns_period" CHECK ("ends_at" > "starts_at"),
        CONSTRAINT "campaigns_capacity_never_exceeded" CHECK ("confirmed_count" >= 0 AND "confirmed_count" <= "capacity")
      )`);
    await queryRunner.query(`CREATE INDEX "campaigns_status_start" ON "volunteers"."campaigns" ("status", "starts_at")`);

    await queryRunner.query(`
      CREATE TABLE "volunteers"."applications" (
        "id" uuid PRIMARY KEY,
        "reference_number" text NOT NULL UNIQUE,
        "status" text NOT NULL CHECK ("status" IN ('submitted', 'screening', 'approved', 'rejected', 'withdrawn')),
        "full_name" text NULL,
        "email" text NULL,
        "phone" text NULL,
        "birth_date" date NULL,
        "guardian" jsonb NULL,
        "region" text NOT NULL,
        "city" text NULL,
        "languages" jsonb NOT NULL DEFAULT '[]'::jsonb,
        "skills" text[] NOT NULL DEFAULT '{}',
        "availability" jsonb NULL,
        "motivation" text NULL,
        "campaign_id" uuid NULL REFERENCES "volunteers"."campaigns" ("id") ON DELETE SET NULL,
        "consent_version" text NOT NULL,
        "consented_at" timestamptz NOT NULL,
        "idempotency_key" text NULL UNIQUE,
        "request_fingerprint" text NULL,
        "status_token_hash" text NULL UNIQUE,
        "status_token_nonce" text NULL,
        "volunteer_id" uuid NULL REFERENCES "volunteers"."volunteers" ("id"),
        "decision_reason" text NULL,
        "decided_by" uuid NULL,
        "decided_at" timestamptz NULL,
        "submitted_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "erased_at" timestamptz NULL
      )`);
    await queryRunner.query(`CREATE INDEX "applications_email_submitted" ON "volunteers"."applications" ("email", "submitted_at") WHERE "email" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "applications_status_submitted" ON "volunteers"."applications" ("status", "submitted_at")`);
    await queryRunner.query(`CREATE INDEX "applications_region_submitted" ON "volunteers"."applications" ("region", "submitted_at")`);
    await queryRunner.query(`CREATE INDEX "applications_campaign" ON "volunteers"."applications" ("campaign_id") WHERE "campaign_id" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "applications_volunteer" ON "volunteers"."applications" ("volunteer_id") WHERE "volunteer_id" IS NOT NULL`);
    await queryRunner.query(`CREATE INDEX "applications_languages" ON "volunteers"."applications" USING gin ("languages" jsonb_path_ops)`);
    await queryRunner.query(`CREATE INDEX "applications_skills" ON "volunteers"."applications" USING gin ("skills")`);

    await queryRunner.query(`
      CREATE TABLE "volunteers"."application_audit" (
        "id" bigserial PRIMARY KEY,
        "application_id" uuid NOT NULL REFERENCES "volunteers"."applications" ("id") ON DELETE CASCADE,
        "action" text NOT NULL,
        "actor_type" text NOT NULL CHECK ("actor_type" IN ('applicant', 'staff', 'system')),
        "actor_id" uuid NULL,
        "from_status" text NULL,
        "to_status" text NULL,
        "reason" text NULL,
        "at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "application_audit_application" ON "volunteers"."application_audit" ("application_id", "id")`);

    await queryRunner.query(`
      CREATE TABLE "volunteers"."campaign_signups" (
        "id" uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        "campaign_id" uuid NOT NULL REFERENCES "volunteers"."campaigns" ("id") ON DELETE CASCADE,
        "volunteer_id" uuid NOT NULL REFERENCES "volunteers"."volunteers" ("id"),
        "status" text NOT NULL CHECK ("status" IN ('confirmed', 'waitlisted', 'cancelled')),
        "source" text NOT NULL CHECK ("source" IN ('self', 'assigned')),
        "queue_seq" bigint NOT NULL DEFAULT nextval('"volunteers"."signup_queue_seq"'),
        "attended" boolean NULL,
        "hours" numeric(7,2) NULL CHECK ("hours" IS NULL OR "hours" >= 0),
        "cancelled_at" timestamptz NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "campaign_signups_once" UNIQUE ("campaign_id", "volunteer_id")
      )`);
    await queryRunner.query(`CREATE INDEX "campaign_signups_queue" ON "volunteers"."campaign_signups" ("campaign_id", "status", "queue_seq")`);
    await queryRunner.query(`CREATE INDEX "campaign_signups_volunteer" ON "volunteers"."campaign_signups" ("volunteer_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "volunteers"."campaign_signups"`);
    await queryRunner.query(`DROP TABLE "volunteers"."application_audit"`);
    await queryRunner.query(`DROP TABLE "volunteers"."applications"`);
    await queryRunner.query(`DROP TABLE "volunteers"."campaigns"`);
    await queryRunner.query(`DROP TABLE "volunteers"."volunteers"`);
    await queryRunner.query(`DROP SEQUENCE "volunteers"."signup_queue_seq"`);
    await queryRunner.query(`DROP SEQUENCE "volunteers"."application_reference_seq"`);
  }
}
