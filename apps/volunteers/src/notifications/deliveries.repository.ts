import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface DeliveryRecord {
  jobId: string;
  channel: 'email' | 'webhook';
  type: string;
  status: 'sent' | 'skipped';
  detail?: string | null;
  messageId?: string | null;
  responseStatus?: number | null;
  attempts: number;
  enqueuedAt?: Date | null;
}

/** One attempt of a webhook delivery (failed or delivered). */
export interface WebhookAttemptRecord {
  jobId: string;
  eventType: string;
  endpointHost: string;
  attempt: number;
  outcome: 'delivered' | 'failed';
  responseStatus: number | null;
  error: string | null;
}

/**
 * The delivery log: one row per job id once its message was accepted by the channel (or deliberately skipped).
 * A job that runs again (stalled after a crash, retried by staff, re-added after BullMQ pruned it) finds its row and
 * does not send a second time.
 */
@Injectable()
export class DeliveriesRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(jobId: string): Promise<{ status: string; sent_at: Date } | null> {
    const rows = await this.dataSource.query(`SELECT status, sent_at FROM "volunteers"."notification_deliveries" WHERE job_id = $1`, [jobId]);
    return rows[0] ?? null;
  }

  async record(d: DeliveryRecord): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "volunteers"."notification_deliveries" (job_id, channel, type, status, detail, message_id, response_status, attempts, enqueued_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (job_id) DO NOTHING`,
      [d.jobId, d.channel, d.type, d.status, d.detail ?? null, d.messageId ?? null, d.responseStatus ?? null, d.attempts, d.enqueuedAt ?? null],
    );
  }

  /** The history of webhook deliveries: every attempt, failed ones included (`volunteers.webhook_attempts`). */
  async recordWebhookAttempt(a: WebhookAttemptRecord): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO "volunteers"."webhook_attempts" (job_id, event_type, endpoint_host, attempt, outcome, response_status, error)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [a.jobId, a.eventType, a.endpointHost, a.attempt, a.outcome, a.responseStatus, a.error === null ? null : a.error.slice(0, 1_000)],
    );
  }
}
