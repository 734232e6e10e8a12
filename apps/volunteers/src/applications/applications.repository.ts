import type { ApplicationAuditEntry, ApplicationListQuery, ApplicationStatus, Availability, SpokenLanguage } from '@birgemiz/contracts';
import { pgPoolOf, type NewOutboxEvent } from '@birgemiz/database';
import { Injectable } from '@nestjs/common';
import { createHash, randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { returnedRows, type Tx } from '../database/transaction-runner';

export interface ApplicationRow {
  id: string;
  reference_number: string;
  status: ApplicationStatus;
  full_name: string | null;
  email: string | null;
  phone: string | null;
  birth_date: string | null;
  guardian: { fullName: string; phone: string; consented: boolean } | null;
  region: string;
  city: string | null;
  languages: SpokenLanguage[];
  skills: string[];
  availability: Availability | null;
  motivation: string | null;
  campaign_id: string | null;
  consent_version: string;
  consented_at: Date;
  idempotency_key: string | null;
  request_fingerprint: string | null;
  status_token_nonce: string | null;
  volunteer_id: string | null;
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  submitted_at: Date;
  updated_at: Date;
  erased_at: Date | null;
  /** Locale of the applicant's e-mails (null on rows from before it was stored). */
  locale: string | null;
}

export type NewApplication = Pick<
  ApplicationRow,
  | 'id'
  | 'reference_number'
  | 'full_name'
  | 'email'
  | 'phone'
  | 'birth_date'
  | 'guardian'
  | 'region'
  | 'city'
  | 'languages'
  | 'skills'
  | 'availability'
  | 'motivation'
  | 'campaign_id'
  | 'consent_version'
  | 'idempotency_key'
  | 'request_fingerprint'
  | 'status_token_nonce'
  | 'locale'
> & { status_token_hash: string };

export interface NewAuditEntry {
  applicationId: string;
  action: string;
  actorType: 'applicant' | 'staff' | 'system';
  actorId?: string | null;
  fromStatus?: ApplicationStatus | null;
  toStatus?: ApplicationStatus | null;
  reason?: string | null;
}

/** What a submission needs to answer: the new row, or the one stored earlier under the same idempotency key. */
export type SubmittedRow = Pick<ApplicationRow, 'id' | 'reference_number' | 'status' | 'submitted_at' | 'request_fingerprint' | 'status_token_nonce'>;

export type SubmitOutcome =
  | { kind: 'created'; row: SubmittedRow }
  | { kind: 'existing'; row: SubmittedRow }
  | { kind: 'already_applied' }
  | { kind: 'unknown_campaign' };

export interface SubmitInput {
  application: Omit<NewApplication, 'reference_number'>;
  submittedAt: Date;
  repeatWindowDays: number;
  auditReason: string;
  /** The `submitted` event (validated CloudEvent) for volunteers.outbox_events. */
  event: NewOutboxEvent;
  correlationId: string | null;
}

/** Advisory-lock key of one applicant's e-mail (64-bit, from SHA-256): a decimal literal, safe to inline. */
export function applicantLockKey(email: string): string {
  return createHash('sha256').update(`application:${email}`).digest().readBigInt64BE(0).toString();
}

const T = '"volunteers"."applications"';
const COLUMNS = `id, reference_number, status, full_name, email, phone, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, guardian, region, city,
  languages, skills, availability, motivation, campaign_id, consent_version, consented_at, idempotency_key, request_fingerprint,
  status_token_nonce, volunteer_id, decision_reason, decided_by, decided_at, submitted_at, updated_at, erased_at, locale`;

/**
 * One submission, one round trip: the database function of migration 1764600000000 takes the applicant lock and runs
 * the checks and writes in its own (implicit) transaction. Named: parsed once per pooled connection.
 */
const SUBMIT_SQL = `SELECT outcome, id, reference_number, status, submitted_at, request_fingerprint, status_token_nonce
  FROM "volunteers"."submit_application"($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
    $20, $21, $22, $23, $24, $25, $26, $27, $28, $29)`;

/** Applications and their audit trail (raw SQL: filters over jsonb and arrays, row locks, advisory locks). */
@Injectable()
export class ApplicationsRepository {
  private readonly pool: Pool;

  constructor(private readonly dataSource: DataSource) {
    this.pool = pgPoolOf(dataSource);
  }

  /**
   * Stores a submission with one statement outside an explicit transaction (`volunteers.submit_application`: the
   * applicant's advisory lock, which serialises submissions of one e-mail so the repeat check has no race, then the
   * checks and writes; it commits or rolls back as a whole).
   */
  async submit(input: SubmitInput): Promise<SubmitOutcome> {
    const a = input.application;
    const params = [
      a.id,
      a.full_name,
      a.email,
      a.phone,
      a.birth_date,
      a.guardian ? JSON.stringify(a.guardian) : null,
      a.region,
      a.city,
      JSON.stringify(a.languages),
      a.skills,
      a.availability ? JSON.stringify(a.availability) : null,
      a.motivation,
      a.consent_version,
      a.campaign_id,
      input.submittedAt,
      a.idempotency_key,
      a.request_fingerprint,
      a.status_token_hash,
      a.status_token_nonce,
      a.locale,
      input.repeatWindowDays,
      String(input.submittedAt.getUTCFullYear()),
      input.auditReason,
      randomUUID(),
      input.event.topic,
      JSON.stringify(input.event.event),
      JSON.stringify(input.event.headers ?? {}),
      input.correlationId,
      applicantLockKey(a.email ?? ''),
    ];
    // One statement: the pool checks a client out, listens for its errors while the query runs (a server that ends the
    // connection), and drops a client whose query failed.
    const { rows } = await this.pool.query<SubmittedRow & { outcome: SubmitOutcome['kind'] }>({
      name: 'volunteers.submit-application.v2',
      text: SUBMIT_SQL,
      values: params,
    });
    const [first] = rows;
    if (!first) throw new Error('submission statement answered no row');
    const { outcome, ...row } = first;
    return outcome === 'created' || outcome === 'existing' ? { kind: outcome, row } : { kind: outcome };
  }

  async findByIdempotencyKey(tx: Tx, key: string): Promise<ApplicationRow | null> {
    const rows: ApplicationRow[] = await tx.query(`SELECT ${COLUMNS} FROM ${T} WHERE idempotency_key = $1`, [key]);
    return rows[0] ?? null;
  }

  /** The newest application of this e-mail since `days` days ago that was not withdrawn. */
  async findRecentByEmail(tx: Tx, email: string, days: number): Promise<ApplicationRow | null> {
    const rows: ApplicationRow[] = await tx.query(
      `SELECT ${COLUMNS} FROM ${T}
        WHERE email = $1 AND status <> 'withdrawn' AND submitted_at > now() - make_interval(days => $2)
        ORDER BY submitted_at DESC LIMIT 1`,
      [email, days],
    );
    return rows[0] ?? null;
  }

  async campaignExists(tx: Tx, campaignId: string): Promise<boolean> {
    const rows = await tx.query(`SELECT 1 FROM "volunteers"."campaigns" WHERE id = $1 AND status <> 'draft'`, [campaignId]);
    return rows.length > 0;
  }

  async addAudit(tx: Tx | undefined, entries: NewAuditEntry[]): Promise<void> {
    if (entries.length === 0) return;
    const params: unknown[] = [];
    const values = entries.map((e) => {
      params.push(e.applicationId, e.action, e.actorType, e.actorId ?? null, e.fromStatus ?? null, e.toStatus ?? null, e.reason ?? null);
      const n = params.length;
      return `($${n - 6}, $${n - 5}, $${n - 4}, $${n - 3}, $${n - 2}, $${n - 1}, $${n})`;
    });
    await (tx ?? this.dataSource).query(
      `INSERT INTO "volunteers"."application_audit" (application_id, action, actor_type, actor_id, from_status, to_status, reason) VALUES ${values.join(', ')}`,
      params,
    );
  }

  async findByTokenHash(hash: string, tx?: Tx, forUpdate = false): Promise<ApplicationRow | null> {
    const rows: ApplicationRow[] = await (tx ?? this.dataSource).query(
      `SELECT ${COLUMNS} FROM ${T} WHERE status_token_hash = $1 ${forUpdate ? 'FOR UPDATE' : ''}`,
      [hash],
    );
    return rows[0] ?? null;
  }

  async findById(id: string, tx?: Tx, forUpdate = false): Promise<ApplicationRow | null> {
    const rows: ApplicationRow[] = await (tx ?? this.dataSource).query(`SELECT ${COLUMNS} FROM ${T} WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`, [id]);
    return rows[0] ?? null;
  }

  /** Every application of one person (same e-mail), oldest first. */
  async findAllByEmail(tx: Tx | undefined, email: string): Promise<ApplicationRow[]> {
    return (tx ?? this.dataSource).query(`SELECT ${COLUMNS} FROM ${T} WHERE email = $1 ORDER BY submitted_at FOR UPDATE`, [email]);
  }

  /** Moves an application from one of `from` to `to`; null when it is in another status (someone else acted). */
  async transition(
    tx: Tx,
    id: string,
    from: readonly ApplicationStatus[],
    to: ApplicationStatus,
    decision: { reason?: string | null; decidedBy?: string | null; volunteerId?: string | null } = {},
  ): Promise<ApplicationRow | null> {
    const result = await tx.query(
      `UPDATE ${T}
          SET status = $3, updated_at = now(),
              decision_reason = COALESCE($4, decision_reason),
              decided_by = COALESCE($5, decided_by),
              decided_at = CASE WHEN $3 IN ('approved', 'rejected') THEN now() ELSE decided_at END,
              volunteer_id = COALESCE($6, volunteer_id)
        WHERE id = $1 AND status = ANY($2::text[])
        RETURNING ${COLUMNS}`,
      [id, from, to, decision.reason ?? null, decision.decidedBy ?? null, decision.volunteerId ?? null],
    );
    return returnedRows<ApplicationRow>(result)[0] ?? null;
  }

  async list(query: ApplicationListQuery): Promise<[ApplicationRow[], number]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: (n: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (query.status?.length) add((p) => `status = ANY(${p}::text[])`, query.status);
    if (query.region) add((p) => `region = ${p}`, query.region);
    if (query.language || query.script) {
      const language: Record<string, unknown> = { code: query.language ?? 'kk' };
      if (query.script) language.scripts = [query.script];
      add((p) => `languages @> ${p}::jsonb`, JSON.stringify([language]));
    }
    if (query.skill) add((p) => `skills @> ARRAY[${p}]::text[]`, query.skill);
    if (query.campaignId) add((p) => `campaign_id = ${p}`, query.campaignId);
    if (query.submittedFrom) add((p) => `submitted_at >= ${p}::date`, query.submittedFrom);
    if (query.submittedTo) add((p) => `submitted_at < ${p}::date + 1`, query.submittedTo);
    if (query.q) {
      const q = query.q.trim();
      params.push(q.toUpperCase(), `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(`(reference_number = $${params.length - 1} OR full_name ILIKE $${params.length} OR email ILIKE $${params.length})`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM ${T} ${clause}`, params);
    const rows: ApplicationRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${T} ${clause} ORDER BY submitted_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return [rows, total];
  }

  async auditOf(applicationIds: string[], tx?: Tx): Promise<(ApplicationAuditEntry & { applicationId: string })[]> {
    const rows = await (tx ?? this.dataSource).query(
      `SELECT application_id, action, actor_type, actor_id, from_status, to_status, reason, at
         FROM "volunteers"."application_audit" WHERE application_id = ANY($1::uuid[]) ORDER BY id`,
      [applicationIds],
    );
    return rows.map((r: Record<string, any>) => ({
      applicationId: r.application_id,
      action: r.action,
      actorType: r.actor_type,
      actorId: r.actor_id,
      fromStatus: r.from_status,
      toStatus: r.to_status,
      reason: r.reason,
      at: (r.at as Date).toISOString(),
    }));
  }

  /**
   * Removes the personal data of these applications and their audit reasons; status, region, languages, skills and
   * dates stay for anonymous counts. The status link stops working.
   */
  async erase(tx: Tx, ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await tx.query(
      `UPDATE ${T}
          SET full_name = NULL, email = NULL, phone = NULL, birth_date = NULL, guardian = NULL, city = NULL, availability = NULL,
              motivation = NULL, decision_reason = NULL, idempotency_key = NULL, request_fingerprint = NULL,
              status_token_hash = NULL, status_token_nonce = NULL, erased_at = now(), updated_at = now()
        WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    await tx.query(`UPDATE "volunteers"."application_audit" SET reason = NULL WHERE application_id = ANY($1::uuid[])`, [ids]);
  }
}
