import type { ContentLocale, RegionCode, SubscriptionFrequency, SubscriptionStatus, SubscriptionTopic } from '@birgemiz/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { returnedRows, type Tx } from '../database/transaction-runner';

export interface SubscriptionRow {
  id: string;
  email: string | null;
  status: SubscriptionStatus;
  locale: ContentLocale;
  topics: SubscriptionTopic[];
  region: RegionCode | null;
  frequency: SubscriptionFrequency;
  generation: number;
  confirm_requests: number;
  confirmed_at: Date | null;
  unsubscribed_at: Date | null;
}

export interface SubscriptionPreferences {
  locale: ContentLocale;
  topics: SubscriptionTopic[];
  region: RegionCode | null;
  frequency: SubscriptionFrequency;
}

/** A confirmed subscriber as the newsletter fan-out needs them (ids and preferences only). */
export interface NewsletterAudienceRow {
  id: string;
  generation: number;
}

const T = `"volunteers"."subscriptions"`;
const COLUMNS = `id, email, status, locale, topics, region, frequency, generation, confirm_requests, confirmed_at, unsubscribed_at`;

/** Newsletter subscriptions (raw SQL). */
@Injectable()
export class SubscriptionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findByEmail(tx: Tx, email: string): Promise<SubscriptionRow | null> {
    const rows: SubscriptionRow[] = await tx.query(`SELECT ${COLUMNS} FROM ${T} WHERE email = $1 FOR UPDATE`, [email]);
    return rows[0] ?? null;
  }

  async findById(id: string, tx?: Tx, lock = false): Promise<SubscriptionRow | null> {
    const rows: SubscriptionRow[] = await (tx ?? this.dataSource).query(`SELECT ${COLUMNS} FROM ${T} WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id]);
    return rows[0] ?? null;
  }

  async insert(tx: Tx, email: string, p: SubscriptionPreferences): Promise<SubscriptionRow> {
    const rows: SubscriptionRow[] = await tx.query(
      `INSERT INTO ${T} (email, locale, topics, region, frequency) VALUES ($1, $2, $3::text[], $4, $5) RETURNING ${COLUMNS}`,
      [email, p.locale, p.topics, p.region, p.frequency],
    );
    return rows[0];
  }

  /** A pending subscription asked again: new preferences, one more confirmation e-mail. */
  async renewPending(tx: Tx, id: string, p: SubscriptionPreferences, newGeneration: boolean): Promise<SubscriptionRow> {
    const result = await tx.query(
      `UPDATE ${T} SET status = 'pending', locale = $2, topics = $3::text[], region = $4, frequency = $5,
          generation = generation + $6, confirm_requests = confirm_requests + 1, confirmed_at = NULL, unsubscribed_at = NULL,
          unsubscribe_method = NULL, updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, p.locale, p.topics, p.region, p.frequency, newGeneration ? 1 : 0],
    );
    return returnedRows<SubscriptionRow>(result)[0];
  }

  async confirm(tx: Tx, id: string): Promise<SubscriptionRow> {
    const result = await tx.query(
      `UPDATE ${T} SET status = 'confirmed', confirmed_at = now(), updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
      [id],
    );
    return returnedRows<SubscriptionRow>(result)[0];
  }

  /** Unsubscribes and forgets the address: nothing more is ever sent to it from this row. */
  async unsubscribe(tx: Tx, id: string, method: 'link' | 'one-click' | 'erasure'): Promise<SubscriptionRow> {
    const result = await tx.query(
      `UPDATE ${T} SET status = 'unsubscribed', email = NULL, unsubscribed_at = now(), unsubscribe_method = $2, updated_at = now()
       WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, method],
    );
    return returnedRows<SubscriptionRow>(result)[0];
  }

  async updatePreferences(tx: Tx, id: string, p: SubscriptionPreferences): Promise<SubscriptionRow> {
    const result = await tx.query(
      `UPDATE ${T} SET locale = $2, topics = $3::text[], region = $4, frequency = $5, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
      [id, p.locale, p.topics, p.region, p.frequency],
    );
    return returnedRows<SubscriptionRow>(result)[0];
  }

  /**
   * One page (keyset by id) of confirmed subscribers who follow an article: everyone with `news`, plus those with
   * `region` whose region is the article's. `frequency` picks immediate or digest readers.
   */
  async newsletterAudience(frequency: SubscriptionFrequency, region: string | null, afterId: string | null, limit: number): Promise<NewsletterAudienceRow[]> {
    return this.dataSource.query(
      `SELECT id, generation FROM ${T}
        WHERE status = 'confirmed' AND frequency = $1 AND email IS NOT NULL
          AND ('news' = ANY (topics) OR ($2::text IS NOT NULL AND 'region' = ANY (topics) AND region = $2))
          AND ($3::uuid IS NULL OR id > $3::uuid)
        ORDER BY id LIMIT $4`,
      [frequency, region, afterId, limit],
    );
  }

  /**
   * One page (keyset by id) of confirmed subscribers of the `campaigns` topic for a campaign of `region`: those without a
   * region, and those whose region is the campaign's (`followsCampaign` says the same). Whatever their frequency.
   */
  async campaignAudience(region: string, afterId: string | null, limit: number): Promise<NewsletterAudienceRow[]> {
    return this.dataSource.query(
      `SELECT id, generation FROM ${T}
        WHERE status = 'confirmed' AND email IS NOT NULL AND 'campaigns' = ANY (topics) AND (region IS NULL OR region = $1)
          AND ($2::uuid IS NULL OR id > $2::uuid)
        ORDER BY id LIMIT $3`,
      [region, afterId, limit],
    );
  }

  /** One page (keyset by id) of confirmed subscribers who chose the daily digest. */
  async dailyAudience(afterId: string | null, limit: number): Promise<NewsletterAudienceRow[]> {
    return this.dataSource.query(
      `SELECT id, generation FROM ${T}
        WHERE status = 'confirmed' AND frequency = 'daily' AND email IS NOT NULL AND ($1::uuid IS NULL OR id > $1::uuid)
        ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
  }
}
