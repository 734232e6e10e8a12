import { CONTENT_LOCALES, type CampaignEventPayload, type RegionCode } from '@birgemiz/contracts';
import type { CampaignRow } from './campaigns.repository';

/** Public campaign event: ids, status, region, titles, period and counts. */
export function campaignEventPayload(row: CampaignRow): CampaignEventPayload {
  return {
    campaignId: row.id,
    version: row.version,
    status: row.status,
    region: row.region as RegionCode,
    titles: CONTENT_LOCALES.filter((l) => row.translations[l]).map((locale) => ({ locale, title: row.translations[locale]!.title })),
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    capacity: row.capacity,
    confirmedCount: row.confirmed_count,
    waitlistCount: row.waitlist_count,
    occurredAt: row.updated_at.toISOString(),
  };
}
