import { Injectable } from '@nestjs/common';
import { NotificationDataRepository } from './notification-data.repository';
import type { EmailJobRef } from './notification-jobs';
import { NotificationQueuesService } from './notification-queues.service';

/** Reminders go out this long before a campaign starts. */
export const REMINDER_LEAD_MS = 24 * 3600_000;

/**
 * Turns committed state changes (ids only, from NotificationTriggers) into e-mail jobs with deterministic ids, so a
 * repeated call enqueues nothing new.
 */
@Injectable()
export class NotificationPlanner {
  constructor(
    private readonly data: NotificationDataRepository,
    private readonly queues: NotificationQueuesService,
  ) {}

  async applicationStatusChanged(applicationId: string, status: string): Promise<void> {
    if (status === 'submitted') {
      const application = await this.data.application(applicationId);
      const staff = application ? await this.data.staffForRegion(application.region) : [];
      await this.queues.addEmails([
        { type: 'application-received', applicationId },
        ...staff.map((staffId): EmailJobRef => ({ type: 'staff-new-application', applicationId, staffId })),
      ]);
    } else if (status === 'approved') {
      await this.queues.addEmails([{ type: 'application-approved', applicationId }]);
    } else if (status === 'rejected') {
      await this.queues.addEmails([{ type: 'application-rejected', applicationId }]);
    }
  }

  async signupChanged(campaignId: string, volunteerId: string, status: string, reason: string): Promise<void> {
    if (status !== 'confirmed' && status !== 'waitlisted') return;
    const signup = await this.data.signupIdOf(campaignId, volunteerId);
    if (!signup) return;
    const base = { signupId: signup.id, queueSeq: signup.queue_seq };
    const type = status === 'waitlisted' ? 'signup-waitlisted' : reason === 'promoted' ? 'signup-promoted' : 'signup-confirmed';
    await this.queues.addEmails([{ type, ...base }]);
    if (status === 'confirmed') await this.scheduleReminder(base, signup.starts_at);
  }

  /** A delayed job the day before the start; none when the campaign starts within a day. */
  async scheduleReminder(base: { signupId: string; queueSeq: string }, startsAt: Date, now = Date.now()): Promise<void> {
    const delayMs = startsAt.getTime() - REMINDER_LEAD_MS - now;
    if (delayMs <= 0) return;
    await this.queues.addEmails([{ type: 'campaign-reminder', ...base, startsAt: startsAt.toISOString() }], { delayMs });
  }
}
