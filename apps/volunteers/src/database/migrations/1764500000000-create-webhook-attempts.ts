import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every attempt of a webhook delivery, failed ones included: attempt number, the endpoint's host, the HTTP status (none
 * for a network error) and the error text. `notification_deliveries` keeps one row per delivered job (the send-once
 * key); this table is its history, for staff looking into a partner endpoint that fails.
 */
export class CreateWebhookAttempts1764500000000 implements MigrationInterface {
  name = 'CreateWebhookAttempts1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "volunteers"."webhook_attempts" (
        "id" bigserial PRIMARY KEY,
        "job_id" text NOT NULL,
        "event_type" text NOT NULL,
        "endpoint_host" text NOT NULL,
        "attempt" integer NOT NULL CHECK ("attempt" > 0),
        "outcome" text NOT NULL CHECK ("outcome" IN ('delivered', 'failed')),
        "response_status" integer NULL,
        "error" text NULL,
        "attempted_at" timestamptz NOT NULL DEFAULT now()
      )`);
    await queryRunner.query(`CREATE INDEX "webhook_attempts_job" ON "volunteers"."webhook_attempts" ("job_id", "attempt")`);
    await queryRunner.query(`CREATE INDEX "webhook_attempts_at" ON "volunteers"."webhook_attempts" ("attempted_at")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "volunteers"."webhook_attempts"`);
  }
}
