import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A submission as one database call: `volunteers.submit_application(…)` takes the applicant's advisory lock, then runs
 * the idempotency-key lookup, the repeat and campaign checks and — only when all pass — writes the application, its
 * audit row, its outbox event and its notification requests (the thank-you and one alert per staff member following
 * the region). Called as a single statement outside an explicit transaction, it is one round trip and one implicit
 * transaction instead of BEGIN + lock, the statement and COMMIT. The function is VOLATILE, so its statement takes its
 * snapshot after the lock is granted: applications committed by another submission of the same e-mail while this one
 * waited are seen by the repeat check. Data-modifying CTEs run exactly once; the final SELECT says which branch happened.
 * Parameters $1–$28 in the order of ApplicationsRepository.submit's list (the application's columns, then the repeat
 * window, the reference number's year, the audit reason, the outbox event and the correlation id), $29 the lock key
 * (applicantLockKey). A later change of the statement is a new migration with CREATE OR REPLACE FUNCTION.
 */
export class CreateSubmitApplicationFunction1764600000000 implements MigrationInterface {
  name = 'CreateSubmitApplicationFunction1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE FUNCTION "volunteers"."submit_application"(
        uuid, text, text, text, date, jsonb, text, text, jsonb, text[], jsonb, text, text, uuid, timestamptz,
        text, text, text, text, text, int, text, text, uuid, text, jsonb, jsonb, text, bigint
      ) RETURNS TABLE (
        outcome text, id uuid, reference_number text, status text, submitted_at timestamptz, request_fingerprint text,
        status_token_nonce text
      ) LANGUAGE plpgsql VOLATILE AS $fn$
      #variable_conflict use_column
      BEGIN
      PERFORM pg_advisory_xact_lock($29);
      RETURN QUERY
      WITH existing AS (
        SELECT id, reference_number, status, submitted_at, request_fingerprint, status_token_nonce
          FROM "volunteers"."applications" WHERE $16::text IS NOT NULL AND idempotency_key = $16::text
      ), recent AS (
        SELECT 1 FROM "volunteers"."applications"
         WHERE $21::int > 0 AND email = $3 AND status <> 'withdrawn' AND submitted_at > now() - make_interval(days => $21::int)
           AND NOT EXISTS (SELECT 1 FROM existing)
         LIMIT 1
      ), campaign AS (
        SELECT ($14::uuid IS NULL OR EXISTS (SELECT 1 FROM "volunteers"."campaigns" WHERE id = $14::uuid AND status <> 'draft')) AS ok
      ), inserted AS (
        INSERT INTO "volunteers"."applications" (id, reference_number, status, full_name, email, phone, birth_date, guardian, region, city, languages, skills,
            availability, motivation, campaign_id, consent_version, consented_at, idempotency_key, request_fingerprint,
            status_token_hash, status_token_nonce, locale, submitted_at, updated_at)
        SELECT $1::uuid,
               (SELECT 'BV-' || $22::text || '-' || CASE WHEN n < 1000000 THEN lpad(n::text, 6, '0') ELSE n::text END
                  FROM (SELECT nextval('"volunteers"."application_reference_seq"') AS n) seq),
               'submitted', $2, $3, $4, $5::date, $6::jsonb, $7, $8, $9::jsonb, $10::text[], $11::jsonb, $12, $14::uuid, $13, $15::timestamptz,
               $16::text, $17, $18, $19, $20, $15::timestamptz, $15::timestamptz
         WHERE NOT EXISTS (SELECT 1 FROM existing) AND NOT EXISTS (SELECT 1 FROM recent) AND (SELECT ok FROM campaign)
        RETURNING id, reference_number, status, submitted_at, request_fingerprint, status_token_nonce
      ), audit AS (
        INSERT INTO "volunteers"."application_audit" (application_id, action, actor_type, to_status, reason)
        SELECT id, 'submitted', 'applicant', 'submitted', $23 FROM inserted
      ), event AS (
        INSERT INTO "volunteers"."outbox_events" (id, topic, key, event, headers)
        SELECT $24::uuid, $25, id::text, $26::jsonb, $27::jsonb FROM inserted
      ), mail AS (
        INSERT INTO "volunteers"."notification_outbox" (job_id, ref, correlation_id)
        SELECT 'application-received.' || i.id, jsonb_build_object('type', 'application-received', 'applicationId', i.id), $28 FROM inserted i
        UNION ALL
        SELECT 'staff-new-application.' || i.id || '.' || s.id, jsonb_build_object('type', 'staff-new-application', 'applicationId', i.id, 'staffId', s.id), $28
          FROM inserted i
          JOIN "volunteers"."staff_alerts" al ON $7 = ANY (al.regions)
          JOIN "volunteers"."staff_accounts" s ON s.id = al.staff_id AND s.active AND s.role IN ('coordinator', 'admin')
      )
      SELECT 'created' AS outcome, id, reference_number, status, submitted_at, request_fingerprint, status_token_nonce FROM inserted
      UNION ALL
      SELECT 'existing', id, reference_number, status, submitted_at, request_fingerprint, status_token_nonce FROM existing
      UNION ALL
      SELECT 'already_applied', NULL, NULL, NULL, NULL, NULL, NULL FROM recent
      UNION ALL
      SELECT 'unknown_campaign', NULL, NULL, NULL, NULL, NULL, NULL FROM campaign
       WHERE NOT ok AND NOT EXISTS (SELECT 1 FROM existing) AND NOT EXISTS (SELECT 1 FROM recent);
      END
      $fn$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP FUNCTION "volunteers"."submit_application"`);
  }
}
