import { currentCorrelationId } from '@birgemiz/logging';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Tx } from '../database/transaction-runner';
import { emailJobId, type EmailJobRef } from './notification-jobs';

export const NOTIFICATION_OUTBOX = '"volunteers"."notification_outbox"';

/** One e-mail request: the job it becomes, and when a delayed job (the campaign reminder) is due. */
export interface NotificationRequest {
  ref: EmailJobRef;
  dueAt?: Date | null;
}

export interface ClaimedNotification {
  id: string;
  ref: EmailJobRef;
  due_at: Date | null;
  correlation_id: string | null;
  created_at: Date;
}

/**
 * The notification outbox (`volunteers.notification_outbox`). `add` runs inside the caller's transaction, so an
 * e-mail request commits or rolls back with the state change that causes it; `relayBatch` claims rows with
 * FOR UPDATE SKIP LOCKED (two relays never hold the same row), hands them to the enqueue function and deletes them in
 * the same transaction. A relay that dies after the enqueue and before the commit leaves the rows for the next run,
 * which enqueues the same deterministic job ids again: BullMQ ignores an id it already has, the delivery log stops a
 * second send after the job was pruned.
 */
@Injectable()
export class NotificationOutboxRepository {
  constructor(private readonly dataSource: DataSource) {}

  async add(tx: Tx | undefined, requests: NotificationRequest[]): Promise<void> {
    if (requests.length === 0) return;
    const correlationId = currentCorrelationId() ?? null;
    const params: unknown[] = [];
    const values = requests.map((r) => {
      params.push(emailJobId(r.ref), JSON.stringify(r.ref), r.dueAt ?? null, correlationId);
      const n = params.length;
      return `($${n - 3}, $${n - 2}::jsonb, $${n - 1}::timestamptz, $${n})`;
    });
    await (tx ?? this.dataSource).query(`INSERT INTO ${NOTIFICATION_OUTBOX} (job_id, ref, due_at, correlation_id) VALUES ${values.join(', ')}`, params);
  }

  /**
   * The e-mails of a new application: the thank-you to the applicant and one alert per coordinator or admin who asked
   * for the application's region — one statement, ids only.
   */
  async addApplicationSubmitted(tx: Tx | undefined, applicationId: string): Promise<void> {
    await (tx ?? this.dataSource).query(
      `INSERT INTO ${NOTIFICATION_OUTBOX} (job_id, ref, correlation_id)
       SELECT 'application-received.' || a.id, jsonb_build_object('type', 'application-received', 'applicationId', a.id), $2
         FROM "volunteers"."applications" a WHERE a.id = $1
       UNION ALL
       SELECT 'staff-new-application.' || a.id || '.' || s.id,
              jsonb_build_object('type', 'staff-new-application', 'applicationId', a.id, 'staffId', s.id), $2
         FROM "volunteers"."applications" a
         JOIN "volunteers"."staff_alerts" al ON a.region = ANY (al.regions)
         JOIN "volunteers"."staff_accounts" s ON s.id = al.staff_id AND s.active AND s.role IN ('coordinator', 'admin')
        WHERE a.id = $1`,
      [applicationId, currentCorrelationId() ?? null],
    );
  }

  /**
   * The reminders of a campaign whose start moved: one per confirmed sign-up, due `dueAt`, with the job id of the new
   * start (`campaign-reminder.<signupId>.<queueSeq>.<startsAtMs>`, as `emailJobId` makes it) — one statement.
   */
  async addCampaignReminders(tx: Tx | undefined, campaignId: string, startsAt: Date, dueAt: Date): Promise<void> {
    await (tx ?? this.dataSource).query(
      `INSERT INTO ${NOTIFICATION_OUTBOX} (job_id, ref, due_at, correlation_id)
       SELECT 'campaign-reminder.' || s.id || '.' || s.queue_seq || '.' || $2::text,
              jsonb_build_object('type', 'campaign-reminder', 'signupId', s.id, 'queueSeq', s.queue_seq::text, 'startsAt', $3::text),
              $4::timestamptz, $5
         FROM "volunteers"."campaign_signups" s
        WHERE s.campaign_id = $1 AND s.status = 'confirmed'
        ORDER BY s.queue_seq`,
      [campaignId, String(startsAt.getTime()), startsAt.toISOString(), dueAt, currentCorrelationId() ?? null],
    );
  }

  /** Claims up to `limit` rows (oldest first), passes them to `enqueue`, deletes them; all in one transaction. */
  async relayBatch(limit: number, enqueue: (rows: ClaimedNotification[]) => Promise<void>): Promise<number> {
    return this.dataSource.transaction('READ COMMITTED', async (tx) => {
      const rows: ClaimedNotification[] = await tx.query(
        `SELECT id, ref, due_at, correlation_id, created_at FROM ${NOTIFICATION_OUTBOX} ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [limit],
      );
      if (rows.length === 0) return 0;
      await enqueue(rows);
      await tx.query(`DELETE FROM ${NOTIFICATION_OUTBOX} WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
      return rows.length;
    });
  }

  /** A volunteer's sign-up for a campaign and the campaign's start: what a sign-up notice and its reminder need. */
  async signupForNotice(tx: Tx | undefined, campaignId: string, volunteerId: string): Promise<{ id: string; queue_seq: string; starts_at: Date } | null> {
    const rows: { id: string; queue_seq: string; starts_at: Date }[] = await (tx ?? this.dataSource).query(
      `SELECT s.id, s.queue_seq::text AS queue_seq, c.starts_at
         FROM "volunteers"."campaign_signups" s JOIN "volunteers"."campaigns" c ON c.id = s.campaign_id
        WHERE s.campaign_id = $1 AND s.volunteer_id = $2`,
      [campaignId, volunteerId],
    );
    return rows[0] ?? null;
  }

  /** Highest id written so far (0 when the table is empty). */
  async lastId(): Promise<string> {
    const [row] = await this.dataSource.query(`SELECT COALESCE(max(id), 0)::text AS id FROM ${NOTIFICATION_OUTBOX}`);
    return row.id as string;
  }

  /** Rows up to `lastId` not relayed yet. */
  async pendingUpTo(lastId: string): Promise<number> {
    const [row] = await this.dataSource.query(`SELECT count(*)::int AS n FROM ${NOTIFICATION_OUTBOX} WHERE id <= $1`, [lastId]);
    return row.n as number;
  }
}
