import { CampaignUpdated, type AttendanceBody, type SignupView, type StaffActor } from '@birgemiz/contracts';
import { DomainError, ErrorCode } from '@birgemiz/errors';
import { Injectable, Logger, Optional } from '@nestjs/common';
import { ApplicationsRepository } from '../applications/applications.repository';
import { StatusTokens } from '../applications/status-tokens';
import { requireRole } from '../common/staff-roles';
import { TransactionRunner, type Tx } from '../database/transaction-runner';
import { NotificationTriggers } from '../notifications/notification-triggers';
import { OutboxEventsRepository } from '../outbox/outbox-events.repository';
import { OutboxRelayService } from '../outbox/outbox-relay.service';
import { VolunteersRepository } from '../volunteers/volunteers.repository';
import { campaignEventPayload } from './campaign-events';
import { CampaignsRepository, type CampaignRow } from './campaigns.repository';
import { SignupPromotions } from './signup-promotions';
import { SignupsRepository, type SignupRow } from './signups.repository';

/**
 * Sign-ups. Every change of one campaign's sign-ups runs in a transaction that first locks the campaign row
 * (SELECT … FOR UPDATE), so concurrent sign-ups are decided one after another against the real count: the
 * capacity is never exceeded (a CHECK constraint backs this up), the rest go to the waitlist in arrival order, and
 * a cancellation promotes the head of the waitlist in the same transaction.
 */
@Injectable()
export class SignupsService {
  private readonly logger = new Logger(SignupsService.name);

  constructor(
    private readonly campaigns: CampaignsRepository,
    private readonly signups: SignupsRepository,
    private readonly volunteers: VolunteersRepository,
    private readonly applications: ApplicationsRepository,
    private readonly promotions: SignupPromotions,
    private readonly tokens: StatusTokens,
    private readonly events: OutboxEventsRepository,
    private readonly transactions: TransactionRunner,
    private readonly notifications: NotificationTriggers,
    @Optional() private readonly relay?: OutboxRelayService,
  ) {}

  /** An approved volunteer signs up through their status link. */
  async signUpSelf(token: string, campaignId: string): Promise<SignupView> {
    return this.signUp(campaignId, await this.volunteerBehind(token), 'self');
  }

  async cancelSelf(token: string, campaignId: string): Promise<SignupView> {
    return this.cancel(campaignId, await this.volunteerBehind(token));
  }

  async assign(actor: StaffActor, campaignId: string, volunteerId: string): Promise<SignupView> {
    requireRole(actor);
    return this.signUp(campaignId, volunteerId, 'assigned');
  }

  async unassign(actor: StaffActor, campaignId: string, volunteerId: string): Promise<SignupView> {
    requireRole(actor);
    return this.cancel(campaignId, volunteerId);
  }

  async list(actor: StaffActor, campaignId: string): Promise<SignupView[]> {
    requireRole(actor);
    if (!(await this.campaigns.findById(campaignId))) throw new DomainError(ErrorCode.NotFound, 'no such campaign');
    return (await this.signups.listByCampaign(campaignId)).map((s) => toSignupView(s, s.waitlist_position ?? null));
  }

  async signUp(campaignId: string, volunteerId: string, source: 'self' | 'assigned'): Promise<SignupView> {
    const outcome = await this.transactions.run(async (tx) => {
      const campaign = await this.lockCampaign(tx, campaignId);
      const acceptsFrom = source === 'self' ? ['open'] : ['open', 'closed'];
      if (!acceptsFrom.includes(campaign.status)) {
        throw new DomainError(ErrorCode.Conflict, `campaign is ${campaign.status}`, { issues: [{ path: 'campaignId', reason: 'campaign_not_open' }] });
      }
      const volunteer = await this.volunteers.findById(volunteerId, tx, 'share');
      if (!volunteer) throw new DomainError(ErrorCode.NotFound, 'no such volunteer');
      if (volunteer.status !== 'active' || volunteer.erased_at) {
        throw new DomainError(ErrorCode.Forbidden, 'volunteer is not active', { issues: [{ path: 'volunteerId', reason: 'volunteer_inactive' }] });
      }
      const existing = await this.signups.find(tx, campaignId, volunteerId);
      if (existing && existing.status !== 'cancelled') return { signup: existing, changed: false };
      const status = campaign.confirmed_count < campaign.capacity ? 'confirmed' : 'waitlisted';
      const signup = await this.signups.upsert(tx, campaignId, volunteerId, status, source);
      const updated = await this.campaigns.adjustCounts(tx, campaignId, status === 'confirmed' ? 1 : 0, status === 'waitlisted' ? 1 : 0);
      await this.events.add(tx, CampaignUpdated, campaignId, campaignEventPayload(updated));
      await this.notifications.signupChanged(campaignId, volunteerId, signup.status, source === 'self' ? 'signed_up' : 'assigned', tx);
      return { signup, changed: true };
    });
    if (outcome.changed) {
      this.relay?.notify();
      this.notifications.committed();
    }
    return toSignupView(outcome.signup, await this.signups.waitlistPosition(undefined, outcome.signup));
  }

  async cancel(campaignId: string, volunteerId: string): Promise<SignupView> {
    const outcome = await this.transactions.run(async (tx) => this.cancelInTransaction(tx, campaignId, volunteerId));
    this.afterCancel(campaignId, volunteerId, outcome.promoted);
    return toSignupView({ ...outcome.signup, status: 'cancelled' }, null);
  }

  /** Cancels one sign-up and promotes the waitlist; the caller's transaction commits both. */
  async cancelInTransaction(tx: Tx, campaignId: string, volunteerId: string): Promise<{ signup: SignupRow; promoted: string[] }> {
    const campaign = await this.lockCampaign(tx, campaignId);
    const signup = await this.signups.find(tx, campaignId, volunteerId);
    if (!signup || signup.status === 'cancelled') throw new DomainError(ErrorCode.NotFound, 'no active sign-up');
    if (campaign.status === 'finished') {
      throw new DomainError(ErrorCode.Conflict, 'the campaign is finished', { issues: [{ path: 'campaignId', reason: 'campaign_finished' }] });
    }
    await this.signups.setStatus(tx, signup.id, 'cancelled');
    const afterCancel = await this.campaigns.adjustCounts(tx, campaignId, signup.status === 'confirmed' ? -1 : 0, signup.status === 'waitlisted' ? -1 : 0);
    const promotion = await this.promotions.fillFreeSpots(tx, afterCancel);
    await this.events.add(tx, CampaignUpdated, campaignId, campaignEventPayload(promotion.campaign));
    for (const id of promotion.promoted) await this.notifications.signupChanged(campaignId, id, 'confirmed', 'promoted', tx);
    return { signup, promoted: promotion.promoted };
  }

  /** After the commit of cancelInTransaction (its notification rows were written in the transaction). */
  afterCancel(_campaignId: string, _volunteerId: string, _promoted: string[]): void {
    this.relay?.notify();
    this.notifications.committed();
  }

  /** After a campaign finished: who came and for how many hours (confirmed sign-ups only). */
  async recordAttendance(actor: StaffActor, campaignId: string, body: AttendanceBody): Promise<SignupView[]> {
    requireRole(actor);
    await this.transactions.run(async (tx) => {
      const campaign = await this.lockCampaign(tx, campaignId);
      if (campaign.status !== 'finished') {
        throw new DomainError(ErrorCode.Conflict, 'attendance is recorded after the campaign finished', {
          issues: [{ path: 'campaignId', reason: 'campaign_not_finished' }],
        });
      }
      const maxHours = Math.ceil((campaign.ends_at.getTime() - campaign.starts_at.getTime()) / 3_600_000);
      const tooLong = body.records.findIndex((r) => r.hours > maxHours);
      if (tooLong >= 0) {
        throw new DomainError(ErrorCode.ValidationFailed, `at most ${maxHours} hours`, {
          issues: [{ path: `body.records.${tooLong}.hours`, reason: 'hours_exceed_campaign' }],
        });
      }
      const unknown = await this.signups.recordAttendance(tx, campaignId, body.records);
      if (unknown.length > 0) {
        throw new DomainError(ErrorCode.ValidationFailed, 'volunteers without a confirmed sign-up', {
          issues: unknown.map((id) => ({ path: `body.records.${body.records.findIndex((r) => r.volunteerId === id)}.volunteerId`, reason: 'not_confirmed' })),
        });
      }
    });
    this.logger.log({ msg: 'attendance recorded', campaignId, records: body.records.length, by: actor.id });
    return this.list(actor, campaignId);
  }

  private async volunteerBehind(token: string): Promise<string> {
    const application = await this.applications.findByTokenHash(this.tokens.hash(token));
    if (!application) throw new DomainError(ErrorCode.NotFound, 'no application behind this link');
    if (application.status !== 'approved' || !application.volunteer_id) {
      throw new DomainError(ErrorCode.Forbidden, 'only approved volunteers sign up', { issues: [{ path: 'token', reason: 'not_a_volunteer' }] });
    }
    return application.volunteer_id;
  }

  private async lockCampaign(tx: Tx, id: string): Promise<CampaignRow> {
    const campaign = await this.campaigns.findById(id, tx, true);
    if (!campaign) throw new DomainError(ErrorCode.NotFound, 'no such campaign');
    return campaign;
  }
}

export function toSignupView(row: SignupRow, waitlistPosition: number | null): SignupView {
  return {
    campaignId: row.campaign_id,
    volunteerId: row.volunteer_id,
    status: row.status,
    source: row.source,
    waitlistPosition: row.status === 'waitlisted' ? waitlistPosition : null,
    attended: row.attended,
    hours: row.hours === null ? null : Number(row.hours),
  };
}
