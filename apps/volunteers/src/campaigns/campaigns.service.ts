import {
  CampaignClosed,
  CampaignFinished,
  CampaignOpened,
  CampaignUpdated,
  type CampaignAction,
  type CampaignCreateBody,
  type CampaignListQuery,
  type CampaignStaffView,
  type CampaignStatus,
  type CampaignUpdateBody,
  type CampaignView,
  type ContentLocale,
  type EventDefinition,
  type Page,
  type RegionCode,
  type StaffActor,
} from '@birgemiz/contracts';
import { DomainError, ErrorCode } from '@birgemiz/errors';
import { Injectable, Logger, Optional } from '@nestjs/common';
import { requireRole } from '../common/staff-roles';
import { TransactionRunner, type Tx } from '../database/transaction-runner';
import { NotificationTriggers } from '../notifications/notification-triggers';
import { OutboxEventsRepository } from '../outbox/outbox-events.repository';
import { OutboxRelayService } from '../outbox/outbox-relay.service';
import { campaignEventPayload } from './campaign-events';
import { localize } from './campaign-localization';
import { CampaignsRepository, type CampaignRow } from './campaigns.repository';
import { SignupPromotions } from './signup-promotions';

const TRANSITIONS: Record<CampaignAction, { from: CampaignStatus[]; to: CampaignStatus; event: EventDefinition }> = {
  open: { from: ['draft', 'closed'], to: 'open', event: CampaignOpened },
  close: { from: ['open'], to: 'closed', event: CampaignClosed },
  finish: { from: ['open', 'closed'], to: 'finished', event: CampaignFinished },
};

/** Campaigns: drafts, opening and closing sign-ups, localized reads (open ones for everybody, all for coordinators). */
@Injectable()
export class CampaignsService {
  private readonly logger = new Logger(CampaignsService.name);

  constructor(
    private readonly campaigns: CampaignsRepository,
    private readonly promotions: SignupPromotions,
    private readonly events: OutboxEventsRepository,
    private readonly transactions: TransactionRunner,
    private readonly notifications: NotificationTriggers,
    @Optional() private readonly relay?: OutboxRelayService,
  ) {}

  async list(actor: StaffActor | undefined, query: CampaignListQuery): Promise<Page<CampaignView | CampaignStaffView>> {
    if (actor) requireRole(actor);
    const statuses: CampaignStatus[] | undefined = actor ? (query.status ? [query.status] : undefined) : ['open'];
    const [rows, total] = await this.campaigns.list(query, statuses);
    return { items: rows.map((r) => (actor ? toStaffView(r, query.locale) : toView(r, query.locale))), page: query.page, pageSize: query.pageSize, total };
  }

  /** Anonymous callers see open campaigns only; anything else is NOT_FOUND to them. */
  async get(actor: StaffActor | undefined, id: string, locale: ContentLocale): Promise<CampaignView | CampaignStaffView> {
    if (actor) requireRole(actor);
    const row = await this.campaigns.findById(id);
    if (!row || (!actor && row.status !== 'open')) throw new DomainError(ErrorCode.NotFound, 'no such campaign');
    return actor ? toStaffView(row, locale) : toView(row, locale);
  }

  async create(actor: StaffActor, body: CampaignCreateBody): Promise<CampaignStaffView> {
    requireRole(actor);
    const row = await this.campaigns.insert(body, actor.id);
    this.logger.log({ msg: 'campaign created', campaignId: row.id, by: actor.id });
    return toStaffView(row, 'kk-Cyrl');
  }

  async update(actor: StaffActor, id: string, changes: CampaignUpdateBody): Promise<CampaignStaffView> {
    requireRole(actor);
    const outcome = await this.transactions.run(async (tx) => {
      const current = await this.lock(tx, id);
      if (current.status === 'finished') throw conflict('campaign_finished', 'a finished campaign cannot change');
      const startsAt = changes.startsAt ?? current.starts_at.toISOString();
      const endsAt = changes.endsAt ?? current.ends_at.toISOString();
      if (new Date(endsAt) <= new Date(startsAt)) {
        throw new DomainError(ErrorCode.ValidationFailed, 'endsAt must be after startsAt', { issues: [{ path: 'body.endsAt', reason: 'ends_before_start' }] });
      }
      if (changes.capacity !== undefined && changes.capacity < current.confirmed_count) {
        throw new DomainError(ErrorCode.Conflict, 'capacity below the confirmed sign-ups', {
          issues: [{ path: 'body.capacity', reason: 'capacity_below_confirmed' }],
          meta: { confirmedCount: current.confirmed_count },
        });
      }
      // More room: the waitlist moves up in the same transaction.
      const promotion = await this.promotions.fillFreeSpots(tx, await this.campaigns.update(tx, id, changes));
      if (promotion.campaign.status !== 'draft') await this.events.add(tx, CampaignUpdated, id, campaignEventPayload(promotion.campaign));
      for (const volunteerId of promotion.promoted) await this.notifications.signupChanged(id, volunteerId, 'confirmed', 'promoted', tx);
      // A new start: reminders for it (the old ones are skipped when due).
      const moved = promotion.campaign.starts_at.getTime() !== current.starts_at.getTime();
      const remindersMoved = moved && (await this.notifications.campaignRescheduled(id, promotion.campaign.starts_at, tx));
      return { ...promotion, remindersMoved };
    });
    this.relay?.notify();
    if (outcome.promoted.length > 0 || outcome.remindersMoved) this.notifications.committed();
    return toStaffView(outcome.campaign, 'kk-Cyrl');
  }

  async transition(actor: StaffActor, id: string, action: CampaignAction): Promise<CampaignStaffView> {
    requireRole(actor);
    const step = TRANSITIONS[action];
    const row = await this.transactions.run(async (tx) => {
      const current = await this.lock(tx, id);
      if (!step.from.includes(current.status)) {
        throw new DomainError(ErrorCode.Conflict, `cannot ${action} a ${current.status} campaign`, {
          issues: [{ path: 'status', reason: 'invalid_transition' }],
          meta: { status: current.status },
        });
      }
      const updated = await this.campaigns.update(tx, id, { status: step.to });
      await this.events.add(tx, step.event, id, campaignEventPayload(updated));
      return updated;
    });
    this.relay?.notify();
    this.logger.log({ msg: 'campaign status changed', campaignId: id, status: row.status, by: actor.id });
    return toStaffView(row, 'kk-Cyrl');
  }

  private async lock(tx: Tx, id: string): Promise<CampaignRow> {
    const row = await this.campaigns.findById(id, tx, true);
    if (!row) throw new DomainError(ErrorCode.NotFound, 'no such campaign');
    return row;
  }
}

function conflict(reason: string, message: string): DomainError {
  return new DomainError(ErrorCode.Conflict, message, { issues: [{ path: 'status', reason }] });
}

export function toView(row: CampaignRow, locale: ContentLocale): CampaignView {
  const text = localize(row.translations, locale);
  return {
    id: row.id,
    status: row.status,
    region: row.region as RegionCode,
    place: row.place,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    capacity: row.capacity,
    confirmedCount: row.confirmed_count,
    waitlistCount: row.waitlist_count,
    spotsLeft: Math.max(0, row.capacity - row.confirmed_count),
    locale: text.locale,
    requestedLocale: text.requestedLocale,
    availableLocales: text.availableLocales,
    transliteratedFrom: text.transliteratedFrom,
    title: text.title,
    description: text.description,
    version: row.version,
  };
}

export function toStaffView(row: CampaignRow, locale: ContentLocale): CampaignStaffView {
  return { ...toView(row, locale), translations: row.translations, createdAt: row.created_at.toISOString(), updatedAt: row.updated_at.toISOString() };
}
