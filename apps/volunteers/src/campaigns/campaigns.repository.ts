import type { CampaignListQuery, CampaignStatus, CampaignTranslations } from '@birgemiz/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { returnedRows, type Tx } from '../database/transaction-runner';

export interface CampaignRow {
  id: string;
  status: CampaignStatus;
  region: string;
  place: string;
  starts_at: Date;
  ends_at: Date;
  capacity: number;
  confirmed_count: number;
  waitlist_count: number;
  translations: CampaignTranslations;
  version: number;
  created_by: string | null;
  created_at: Date;
  updated_at: Date;
}

export interface CampaignFields {
  translations: CampaignTranslations;
  region: string;
  place: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
}

const T = '"volunteers"."campaigns"';
const COLUMNS = 'id, status, region, place, starts_at, ends_at, capacity, confirmed_count, waitlist_count, translations, version, created_by, created_at, updated_at';

@Injectable()
export class CampaignsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(fields: CampaignFields, createdBy: string): Promise<CampaignRow> {
    const rows: CampaignRow[] = await this.dataSource.query(
      `INSERT INTO ${T} (translations, region, place, starts_at, ends_at, capacity, created_by)
       VALUES ($1::jsonb, $2, $3, $4, $5, $6, $7) RETURNING ${COLUMNS}`,
      [JSON.stringify(fields.translations), fields.region, fields.place, fields.startsAt, fields.endsAt, fields.capacity, createdBy],
    );
    return rows[0];
  }

  /** With `tx`, the row stays locked until the transaction ends: sign-ups of one campaign go one at a time. */
  async findById(id: string, tx?: Tx, forUpdate = false): Promise<CampaignRow | null> {
    const rows: CampaignRow[] = await (tx ?? this.dataSource).query(`SELECT ${COLUMNS} FROM ${T} WHERE id = $1 ${forUpdate ? 'FOR UPDATE' : ''}`, [id]);
    return rows[0] ?? null;
  }

  /** Writes the given fields and bumps the version. */
  async update(tx: Tx, id: string, fields: Partial<CampaignFields> & { status?: CampaignStatus }): Promise<CampaignRow> {
    const columns: Record<string, [string, unknown]> = {
      translations: ['translations = $N::jsonb', fields.translations === undefined ? undefined : JSON.stringify(fields.translations)],
      region: ['region = $N', fields.region],
      place: ['place = $N', fields.place],
      startsAt: ['starts_at = $N', fields.startsAt],
      endsAt: ['ends_at = $N', fields.endsAt],
      capacity: ['capacity = $N', fields.capacity],
      status: ['status = $N', fields.status],
    };
    const sets: string[] = [];
    const params: unknown[] = [id];
    for (const [sql, value] of Object.values(columns)) {
      if (value === undefined) continue;
      params.push(value);
      sets.push(sql.replace('$N', `$${params.length}`));
    }
    const result = await tx.query(
      `UPDATE ${T} SET ${[...sets, 'version = version + 1', 'updated_at = now()'].join(', ')} WHERE id = $1 RETURNING ${COLUMNS}`,
      params,
    );
    return returnedRows<CampaignRow>(result)[0];
  }

  async adjustCounts(tx: Tx, id: string, confirmedDelta: number, waitlistDelta: number): Promise<CampaignRow> {
    const result = await tx.query(
      `UPDATE ${T} SET confirmed_count = confirmed_count + $2, waitlist_count = waitlist_count + $3, version = version + 1, updated_at = now()
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, confirmedDelta, waitlistDelta],
    );
    return returnedRows<CampaignRow>(result)[0];
  }

  async list(query: CampaignListQuery, statuses: readonly CampaignStatus[] | undefined): Promise<[CampaignRow[], number]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (statuses) {
      params.push(statuses);
      where.push(`status = ANY($${params.length}::text[])`);
    }
    if (query.region) {
      params.push(query.region);
      where.push(`region = $${params.length}`);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM ${T} ${clause}`, params);
    const rows: CampaignRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${T} ${clause} ORDER BY starts_at, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return [rows, total];
  }
}
