import type { SignupStatus } from '@birgemiz/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { returnedRows, type Tx } from '../database/transaction-runner';

export interface SignupRow {
  id: string;
  campaign_id: string;
  volunteer_id: string;
  status: SignupStatus;
  source: 'self' | 'assigned';
  queue_seq: string;
  attended: boolean | null;
  hours: string | null;
  waitlist_position?: number | null;
}

const T = '"volunteers"."campaign_signups"';
const COLUMNS = 'id, campaign_id, volunteer_id, status, source, queue_seq, attended, hours';

@Injectable()
export class SignupsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(tx: Tx, campaignId: string, volunteerId: string): Promise<SignupRow | null> {
    const rows: SignupRow[] = await tx.query(`SELECT ${COLUMNS} FROM ${T} WHERE campaign_id = $1 AND volunteer_id = $2 FOR UPDATE`, [campaignId, volunteerId]);
    return rows[0] ?? null;
  }

  /** A new sign-up, or a cancelled one taken up again (it joins the end of the queue). */
  async upsert(tx: Tx, campaignId: string, volunteerId: string, status: SignupStatus, source: 'self' | 'assigned'): Promise<SignupRow> {
    const result = await tx.query(
      `INSERT INTO ${T} (campaign_id, volunteer_id, status, source) VALUES ($1, $2, $3, $4)
       ON CONFLICT ON CONSTRAINT campaign_signups_once DO UPDATE
          SET status = EXCLUDED.status, source = EXCLUDED.source, queue_seq = nextval('"volunteers"."signup_queue_seq"'),
              cancelled_at = NULL, updated_at = now()
       RETURNING ${COLUMNS}`,
      [campaignId, volunteerId, status, source],
    );
    return returnedRows<SignupRow>(result)[0];
  }

  async setStatus(tx: Tx, id: string, status: SignupStatus): Promise<void> {
    await tx.query(
      `UPDATE ${T} SET status = $2, updated_at = now(), cancelled_at = CASE WHEN $2 = 'cancelled' THEN now() ELSE NULL END WHERE id = $1`,
      [id, status],
    );
  }

  /** The first `count` on the waitlist, in queue order, locked. */
  async headOfWaitlist(tx: Tx, campaignId: string, count: number): Promise<SignupRow[]> {
    if (count <= 0) return [];
    return tx.query(`SELECT ${COLUMNS} FROM ${T} WHERE campaign_id = $1 AND status = 'waitlisted' ORDER BY queue_seq LIMIT $2 FOR UPDATE`, [
      campaignId,
      count,
    ]);
  }

  async listByCampaign(campaignId: string): Promise<SignupRow[]> {
    return this.dataSource.query(
      `SELECT ${COLUMNS},
              CASE WHEN status = 'waitlisted' THEN row_number() OVER (PARTITION BY status ORDER BY queue_seq)::int END AS waitlist_position
         FROM ${T} WHERE campaign_id = $1 ORDER BY status, queue_seq`,
      [campaignId],
    );
  }

  async waitlistPosition(tx: Tx | undefined, signup: SignupRow): Promise<number | null> {
    if (signup.status !== 'waitlisted') return null;
    const [row] = await (tx ?? this.dataSource).query(
      `SELECT count(*)::int AS n FROM ${T} WHERE campaign_id = $1 AND status = 'waitlisted' AND queue_seq <= $2`,
      [signup.campaign_id, signup.queue_seq],
    );
    return row.n as number;
  }

  async listActiveByVolunteer(tx: Tx, volunteerId: string): Promise<SignupRow[]> {
    return tx.query(`SELECT ${COLUMNS} FROM ${T} WHERE volunteer_id = $1 AND status <> 'cancelled' ORDER BY queue_seq`, [volunteerId]);
  }

  async listByVolunteer(volunteerId: string): Promise<SignupRow[]> {
    return this.dataSource.query(`SELECT ${COLUMNS} FROM ${T} WHERE volunteer_id = $1 ORDER BY queue_seq`, [volunteerId]);
  }

  /** Records attendance of confirmed sign-ups; returns the volunteer ids that had no confirmed sign-up. */
  async recordAttendance(tx: Tx, campaignId: string, records: { volunteerId: string; attended: boolean; hours: number }[]): Promise<string[]> {
    const result = await tx.query(
      `UPDATE ${T} s SET attended = r.attended, hours = r.hours, updated_at = now()
         FROM jsonb_to_recordset($2::jsonb) AS r("volunteerId" uuid, attended boolean, hours numeric)
        WHERE s.campaign_id = $1 AND s.volunteer_id = r."volunteerId" AND s.status = 'confirmed'
        RETURNING s.volunteer_id`,
      [campaignId, JSON.stringify(records)],
    );
    const updated = new Set(returnedRows<{ volunteer_id: string }>(result).map((r) => r.volunteer_id));
    return records.map((r) => r.volunteerId).filter((id) => !updated.has(id));
  }
}
