import { Injectable, Optional } from '@nestjs/common';
import type { Tx } from '../database/transaction-runner';
import type { EmailJobRef } from './notification-jobs';
import { NotificationOutboxRelay } from './notification-outbox-relay.service';
import { NotificationOutboxRepository, type NotificationRequest } from './notification-outbox.repository';
import { REMINDER_LEAD_MS } from './notification-planner.service';

/**
 * The seam between the volunteering services and notifications. Services call it inside the transaction of a state
 * change, with ids only: it writes the matching e-mail requests to the notification outbox, so they commit (or roll
 * back) with the change; the NotificationOutboxRelay moves them to BullMQ. After the commit, `committed()` tells the
 * relay of this instance not to wait for its next poll. Without the notifications module (some tests) the rows stay
 * in the table until a relay runs.
 */
@Injectable()
export class NotificationTriggers {
  constructor(
    private readonly outbox: NotificationOutboxRepository,
    @Optional() private readonly relay?: NotificationOutboxRelay,
  ) {}

  /** `tx`: the transaction of the change (without it, the rows are written on their own, e.g. by tests). */
  async applicationStatusChanged(applicationId: string, status: string, tx?: Tx): Promise<void> {
    if (status === 'submitted') await this.outbox.addApplicationSubmitted(tx, applicationId);
    else if (status === 'approved') await this.outbox.add(tx, [{ ref: { type: 'application-approved', applicationId } }]);
    else if (status === 'rejected') await this.outbox.add(tx, [{ ref: { type: 'application-rejected', applicationId } }]);
  }

  async signupChanged(
    campaignId: string,
    volunteerId: string,
    status: string,
    reason: 'signed_up' | 'assigned' | 'cancelled' | 'promoted',
    tx?: Tx,
    now = Date.now(),
  ): Promise<void> {
    if (status !== 'confirmed' && status !== 'waitlisted') return;
    const signup = await this.outbox.signupForNotice(tx, campaignId, volunteerId);
    if (!signup) return;
    const base = { signupId: signup.id, queueSeq: signup.queue_seq };
    const type = status === 'waitlisted' ? 'signup-waitlisted' : reason === 'promoted' ? 'signup-promoted' : 'signup-confirmed';
    const requests: NotificationRequest[] = [{ ref: { type, ...base } as EmailJobRef }];
    // The reminder is a delayed job due the day before the start; none when the campaign starts within a day.
    const dueAt = signup.starts_at.getTime() - REMINDER_LEAD_MS;
    if (status === 'confirmed' && dueAt > now) {
      requests.push({ ref: { type: 'campaign-reminder', ...base, startsAt: signup.starts_at.toISOString() }, dueAt: new Date(dueAt) });
    }
    await this.outbox.add(tx, requests);
  }

  /**
   * A campaign's start moved: every confirmed volunteer gets a reminder for the new start (a new job id, which carries
   * the start time). The reminder for the old start is skipped when it comes due. None when the new start is less than
   * a day away. Answers whether requests were written.
   */
  async campaignRescheduled(campaignId: string, startsAt: Date, tx?: Tx, now = Date.now()): Promise<boolean> {
    const dueAt = startsAt.getTime() - REMINDER_LEAD_MS;
    if (dueAt <= now) return false;
    await this.outbox.addCampaignReminders(tx, campaignId, startsAt, new Date(dueAt));
    return true;
  }

  async subscriptionRequested(tx: Tx, subscription: { id: string; generation: number; confirm_requests: number }): Promise<void> {
    await this.outbox.add(tx, [
      { ref: { type: 'subscription-confirm', subscriptionId: subscription.id, generation: subscription.generation, request: subscription.confirm_requests } },
    ]);
  }

  /** Call after the transaction that wrote notification rows committed. */
  committed(): void {
    this.relay?.notify();
  }

  /** Resolves when every notification written so far is in BullMQ (tests). */
  async settled(): Promise<void> {
    await this.relay?.settled();
  }
}
