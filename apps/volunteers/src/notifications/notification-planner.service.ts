import { Injectable } from '@nestjs/common';
import { NotificationQueuesService } from './notification-queues.service';

/** Reminders go out this long before a campaign starts. */
export const REMINDER_LEAD_MS = 24 * 3600_000;

/**
 * Direct scheduling of e-mail jobs with deterministic ids (a repeated call enqueues nothing new). State changes go
 * through NotificationTriggers and the notification outbox instead; this is for schedules computed outside a
 * transaction.
 */
@Injectable()
export class NotificationPlanner {
  constructor(private readonly queues: NotificationQueuesService) {}

  /** A delayed job the day before the start; none when the campaign starts within a day. */
  async scheduleReminder(base: { signupId: string; queueSeq: string }, startsAt: Date, now = Date.now()): Promise<void> {
    const delayMs = startsAt.getTime() - REMINDER_LEAD_MS - now;
    if (delayMs <= 0) return;
    await this.queues.addEmails([{ type: 'campaign-reminder', ...base, startsAt: startsAt.toISOString() }], { delayMs });
  }
}
