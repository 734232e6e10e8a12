import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notification outbox: e-mail requests written in the same transaction as the state change that causes them
 * (application submitted/approved/rejected, sign-up confirmed/waitlisted/promoted, subscription requested…). The
 * notification relay moves them to BullMQ with their deterministic job ids and deletes them. Rows hold ids only.
 */
export class CreateNotificationOutbox1764400000000 implements MigrationInterface {
  name = 'CreateNotificationOutbox1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "volunteers"."notification_outbox" (
        "id" bigserial PRIMARY KEY,
        "job_id" text NOT NULL,
        "ref" jsonb NOT NULL,
        "due_at" timestamptz NULL,
        "correlation_id" text NULL,
        "created_at" timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "volunteers"."notification_outbox"`);
  }
}
