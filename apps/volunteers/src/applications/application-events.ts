import {
  ApplicationApproved,
  ApplicationRejected,
  ApplicationSubmitted,
  ApplicationWithdrawn,
  type ApplicationEventPayload,
  type ApplicationStatus,
  type EventDefinition,
  type RegionCode,
} from '@birgemiz/contracts';
import type { ApplicationRow } from './applications.repository';

/** The public event announcing a status, or undefined for statuses that are not announced (screening). */
export function applicationEventFor(status: ApplicationStatus): EventDefinition | undefined {
  switch (status) {
    case 'submitted':
      return ApplicationSubmitted;
    case 'approved':
      return ApplicationApproved;
    case 'rejected':
      return ApplicationRejected;
    case 'withdrawn':
      return ApplicationWithdrawn;
    default:
      return undefined;
  }
}

/** Ids, status, region, campaign and languages only: never a name, e-mail, phone or birth date. */
export function applicationEventPayload(row: ApplicationRow): ApplicationEventPayload {
  return {
    applicationId: row.id,
    status: row.status,
    region: row.region as RegionCode,
    campaignId: row.campaign_id,
    languages: row.languages.map((l) => ({ code: l.code, level: l.level, scripts: [...l.scripts] })),
    occurredAt: row.updated_at.toISOString(),
  };
}
