import type { ArticleSnapshotPayload, CampaignTranslations, ContentLocale, SpokenLanguage } from '@birgemiz/contracts';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface ApplicationRecipientRow {
  id: string;
  email: string | null;
  full_name: string | null;
  locale: ContentLocale | null;
  languages: SpokenLanguage[];
  reference_number: string;
  status: string;
  region: string;
  status_token_nonce: string | null;
  erased_at: Date | null;
}

export interface SignupRecipientRow {
  signup_id: string;
  signup_status: 'confirmed' | 'waitlisted' | 'cancelled';
  queue_seq: string;
  campaign_id: string;
  volunteer_id: string;
  email: string | null;
  full_name: string | null;
  volunteer_status: string;
  erased_at: Date | null;
  campaign_status: string;
  translations: CampaignTranslations;
  place: string;
  starts_at: Date;
  /** From the volunteer's latest approved application. */
  application_id: string | null;
  locale: ContentLocale | null;
  languages: SpokenLanguage[] | null;
  status_token_nonce: string | null;
}

export interface StaffRecipientRow {
  id: string;
  email: string;
  locale: ContentLocale;
  active: boolean;
}

export interface SubscriberRecipientRow {
  id: string;
  email: string | null;
  status: string;
  locale: ContentLocale;
  generation: number;
  topics: string[];
  region: string | null;
}

/** An opened campaign as its announcement needs it. */
export interface CampaignAnnouncementRow {
  id: string;
  status: string;
  region: string;
  place: string;
  starts_at: Date;
  translations: CampaignTranslations;
}

export interface NewsletterIssueRow {
  article_id: string;
  version: number;
  region: string | null;
  payload: ArticleSnapshotPayload;
  received_at: Date;
  fanned_out_at: Date | null;
  withdrawn_at: Date | null;
}

/** Reads what a notification needs when it is sent (addresses, names, locales, texts), and the newsletter issues. */
@Injectable()
export class NotificationDataRepository {
  constructor(private readonly dataSource: DataSource) {}

  async application(id: string): Promise<ApplicationRecipientRow | null> {
    const rows = await this.dataSource.query(
      `SELECT id, email, full_name, locale, languages, reference_number, status, region, status_token_nonce, erased_at
         FROM "volunteers"."applications" WHERE id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async signup(signupId: string): Promise<SignupRecipientRow | null> {
    const rows = await this.dataSource.query(
      `SELECT s.id AS signup_id, s.status AS signup_status, s.queue_seq::text AS queue_seq, s.campaign_id, s.volunteer_id,
              v.email, v.full_name, v.status AS volunteer_status, v.erased_at,
              c.status AS campaign_status, c.translations, c.place, c.starts_at,
              a.id AS application_id, a.locale, a.languages, a.status_token_nonce
         FROM "volunteers"."campaign_signups" s
         JOIN "volunteers"."volunteers" v ON v.id = s.volunteer_id
         JOIN "volunteers"."campaigns" c ON c.id = s.campaign_id
         LEFT JOIN LATERAL (
           SELECT id, locale, languages, status_token_nonce FROM "volunteers"."applications"
            WHERE volunteer_id = v.id AND status = 'approved' ORDER BY submitted_at DESC LIMIT 1
         ) a ON true
        WHERE s.id = $1`,
      [signupId],
    );
    return rows[0] ?? null;
  }

  async signupIdOf(campaignId: string, volunteerId: string): Promise<{ id: string; status: string; queue_seq: string; starts_at: Date } | null> {
    const rows = await this.dataSource.query(
      `SELECT s.id, s.status, s.queue_seq::text AS queue_seq, c.starts_at
         FROM "volunteers"."campaign_signups" s JOIN "volunteers"."campaigns" c ON c.id = s.campaign_id
        WHERE s.campaign_id = $1 AND s.volunteer_id = $2`,
      [campaignId, volunteerId],
    );
    return rows[0] ?? null;
  }

  /** Active coordinators and admins who asked for alerts about the region. */
  async staffForRegion(region: string): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT s.id FROM "volunteers"."staff_alerts" a JOIN "volunteers"."staff_accounts" s ON s.id = a.staff_id
        WHERE $1 = ANY (a.regions) AND s.active AND s.role IN ('coordinator', 'admin') ORDER BY s.id`,
      [region],
    );
    return rows.map((r) => r.id);
  }

  async staff(id: string): Promise<StaffRecipientRow | null> {
    const rows = await this.dataSource.query(
      `SELECT s.id, s.email, a.locale, s.active FROM "volunteers"."staff_accounts" s
         JOIN "volunteers"."staff_alerts" a ON a.staff_id = s.id WHERE s.id = $1`,
      [id],
    );
    return rows[0] ?? null;
  }

  async setStaffAlerts(staffId: string, regions: string[], locale: ContentLocale): Promise<void> {
    if (regions.length === 0) {
      await this.dataSource.query(`DELETE FROM "volunteers"."staff_alerts" WHERE staff_id = $1`, [staffId]);
      return;
    }
    await this.dataSource.query(
      `INSERT INTO "volunteers"."staff_alerts" (staff_id, regions, locale) VALUES ($1, $2::text[], $3)
       ON CONFLICT (staff_id) DO UPDATE SET regions = EXCLUDED.regions, locale = EXCLUDED.locale, updated_at = now()`,
      [staffId, regions, locale],
    );
  }

  async subscriber(id: string): Promise<SubscriberRecipientRow | null> {
    const rows = await this.dataSource.query(`SELECT id, email, status, locale, generation, topics, region FROM "volunteers"."subscriptions" WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  async campaign(id: string): Promise<CampaignAnnouncementRow | null> {
    const rows = await this.dataSource.query(`SELECT id, status, region, place, starts_at, translations FROM "volunteers"."campaigns" WHERE id = $1`, [id]);
    return rows[0] ?? null;
  }

  /**
   * Stores the newest version of a published article. Answers whether its fan-out is still to be done (a first
   * publication, or a re-delivered event whose fan-out did not finish).
   */
  async storeIssue(payload: ArticleSnapshotPayload): Promise<{ needsFanout: boolean }> {
    const rows: { fanned_out_at: Date | null; withdrawn_at: Date | null }[] = await this.dataSource.query(
      `INSERT INTO "volunteers"."newsletter_issues" (article_id, version, region, payload)
       VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (article_id) DO UPDATE
          SET version = EXCLUDED.version, region = EXCLUDED.region, payload = EXCLUDED.payload, withdrawn_at = NULL
        WHERE "newsletter_issues".version < EXCLUDED.version
       RETURNING fanned_out_at, withdrawn_at`,
      [payload.articleId, payload.version, payload.region, JSON.stringify(payload)],
    );
    if (rows.length > 0) return { needsFanout: rows[0].fanned_out_at === null };
    const existing = await this.issue(payload.articleId);
    return { needsFanout: !!existing && existing.fanned_out_at === null && existing.withdrawn_at === null };
  }

  async withdrawIssue(articleId: string, version: number): Promise<void> {
    await this.dataSource.query(
      `UPDATE "volunteers"."newsletter_issues" SET withdrawn_at = now() WHERE article_id = $1 AND version <= $2`,
      [articleId, version],
    );
  }

  async issue(articleId: string): Promise<NewsletterIssueRow | null> {
    const rows = await this.dataSource.query(
      `SELECT article_id, version, region, payload, received_at, fanned_out_at, withdrawn_at FROM "volunteers"."newsletter_issues" WHERE article_id = $1`,
      [articleId],
    );
    return rows[0] ?? null;
  }

  async markFannedOut(articleId: string): Promise<void> {
    await this.dataSource.query(`UPDATE "volunteers"."newsletter_issues" SET fanned_out_at = now() WHERE article_id = $1 AND fanned_out_at IS NULL`, [articleId]);
  }

  /** Live issues received in [from, to): the articles of one daily digest. */
  async issuesBetween(from: Date, to: Date): Promise<NewsletterIssueRow[]> {
    return this.dataSource.query(
      `SELECT article_id, version, region, payload, received_at, fanned_out_at, withdrawn_at FROM "volunteers"."newsletter_issues"
        WHERE received_at >= $1 AND received_at < $2 AND withdrawn_at IS NULL ORDER BY received_at`,
      [from, to],
    );
  }
}
