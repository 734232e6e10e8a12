import type { SpokenLanguage, VolunteerListQuery, VolunteerStatus } from '@birgemiz/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { returnedRows, type Tx } from '../database/transaction-runner';

export interface VolunteerRow {
  id: string;
  status: VolunteerStatus;
  full_name: string | null;
  email: string | null;
  phone: string | null;
  region: string;
  city: string | null;
  languages: SpokenLanguage[];
  skills: string[];
  erased_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface VolunteerHistoryRow {
  campaign_id: string;
  translations: Record<string, { title: string } | undefined>;
  campaign_status: string;
  starts_at: Date;
  status: 'confirmed' | 'waitlisted' | 'cancelled';
  attended: boolean | null;
  hours: string | null;
}

export type VolunteerProfileData = Pick<VolunteerRow, 'full_name' | 'email' | 'phone' | 'region' | 'city' | 'languages' | 'skills'> & {
  birth_date: string | null;
};

const T = '"volunteers"."volunteers"';
const COLUMNS = 'id, status, full_name, email, phone, region, city, languages, skills, erased_at, created_at, updated_at';

@Injectable()
export class VolunteersRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Creates the profile of an approved applicant, or refreshes the existing one of the same e-mail. */
  async upsert(tx: Tx, profile: VolunteerProfileData): Promise<VolunteerRow> {
    const rows: VolunteerRow[] = await tx.query(
      `INSERT INTO ${T} (full_name, email, phone, birth_date, region, city, languages, skills)
       VALUES ($1, $2, $3, $4::date, $5, $6, $7::jsonb, $8::text[])
       ON CONFLICT (email) WHERE email IS NOT NULL DO UPDATE
          SET full_name = EXCLUDED.full_name, phone = EXCLUDED.phone, birth_date = EXCLUDED.birth_date, region = EXCLUDED.region,
              city = EXCLUDED.city, languages = EXCLUDED.languages, skills = EXCLUDED.skills, status = 'active', updated_at = now()
       RETURNING ${COLUMNS}`,
      [profile.full_name, profile.email, profile.phone, profile.birth_date, profile.region, profile.city, JSON.stringify(profile.languages), profile.skills],
    );
    return rows[0];
  }

  async findById(id: string, tx?: Tx, lock: 'share' | 'none' = 'none'): Promise<VolunteerRow | null> {
    const rows: VolunteerRow[] = await (tx ?? this.dataSource).query(
      `SELECT ${COLUMNS} FROM ${T} WHERE id = $1 ${lock === 'share' ? 'FOR SHARE' : ''}`,
      [id],
    );
    return rows[0] ?? null;
  }

  async findByEmail(tx: Tx, email: string): Promise<VolunteerRow | null> {
    const rows: VolunteerRow[] = await tx.query(`SELECT ${COLUMNS} FROM ${T} WHERE email = $1 FOR UPDATE`, [email]);
    return rows[0] ?? null;
  }

  async setStatus(id: string, status: VolunteerStatus): Promise<VolunteerRow | null> {
    const result = await this.dataSource.query(`UPDATE ${T} SET status = $2, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`, [id, status]);
    return returnedRows<VolunteerRow>(result)[0] ?? null;
  }

  async list(query: VolunteerListQuery): Promise<[VolunteerRow[], number]> {
    const where: string[] = ['erased_at IS NULL'];
    const params: unknown[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (query.status) add((p) => `status = ${p}`, query.status);
    if (query.region) add((p) => `region = ${p}`, query.region);
    if (query.city) add((p) => `lower(city) = lower(${p})`, query.city.trim());
    if (query.language || query.script) {
      const language: Record<string, unknown> = { code: query.language ?? 'kk' };
      if (query.script) language.scripts = [query.script];
      add((p) => `languages @> ${p}::jsonb`, JSON.stringify([language]));
    }
    if (query.skill) add((p) => `skills @> ARRAY[${p}]::text[]`, query.skill);
    if (query.q) add((p) => `(full_name ILIKE ${p} OR email ILIKE ${p})`, `%${query.q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    const clause = `WHERE ${where.join(' AND ')}`;
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM ${T} ${clause}`, params);
    const rows: VolunteerRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM ${T} ${clause} ORDER BY full_name NULLS LAST, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize],
    );
    return [rows, total];
  }

  /** The volunteer's campaigns, newest first. */
  async history(volunteerId: string): Promise<VolunteerHistoryRow[]> {
    return this.dataSource.query(
      `SELECT s.campaign_id, c.translations, c.status AS campaign_status, c.starts_at, s.status, s.attended, s.hours
         FROM "volunteers"."campaign_signups" s JOIN "volunteers"."campaigns" c ON c.id = s.campaign_id
        WHERE s.volunteer_id = $1
        ORDER BY c.starts_at DESC, c.id`,
      [volunteerId],
    );
  }

  /** Removes the personal data of a profile; region, languages, skills and sign-ups stay as anonymous counts. */
  async erase(tx: Tx, id: string): Promise<void> {
    await tx.query(
      `UPDATE ${T} SET full_name = NULL, email = NULL, phone = NULL, birth_date = NULL, city = NULL, status = 'inactive',
              erased_at = now(), updated_at = now()
        WHERE id = $1`,
      [id],
    );
  }
}
