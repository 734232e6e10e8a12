import type { NotificationType } from '@birgemiz/contracts';
import type { JobsOptions } from 'bullmq';

/**
 * Job data of the e-mail queue: ids only. The worker reads addresses and texts from PostgreSQL when it sends, so no
 * e-mail address sits in Redis (failed jobs are kept and listed) and an erased or unsubscribed person gets nothing.
 */
export type EmailJobData = EmailJobRef & {
  /** Correlation id of the request or event that caused the message (logs of the worker carry it). */
  correlationId?: string;
  /** Epoch ms when the cause happened (latency metric). */
  enqueuedAt: number;
  /** Set by an attempt that sent the message but could not write the delivery log (the next attempt only logs it). */
  sentMessageId?: string;
};

export type EmailJobRef =
  | { type: 'application-received' | 'application-approved' | 'application-rejected'; applicationId: string }
  | { type: 'staff-new-application'; applicationId: string; staffId: string }
  | { type: 'signup-confirmed' | 'signup-waitlisted' | 'signup-promoted'; signupId: string; queueSeq: string }
  | { type: 'campaign-reminder'; signupId: string; queueSeq: string; startsAt: string }
  | { type: 'subscription-confirm'; subscriptionId: string; generation: number; request: number }
  | { type: 'newsletter-article'; subscriptionId: string; articleId: string }
  | { type: 'newsletter-digest'; subscriptionId: string; day: string }
  | { type: 'campaign-opened'; subscriptionId: string; campaignId: string };

/** Jobs of the newsletter queue: the fan-out of one article or of one opened campaign, the digests of one day. */
export type NewsletterJobData = (
  | { kind: 'article-fanout'; articleId: string }
  | { kind: 'campaign-fanout'; campaignId: string }
  | { kind: 'digest-fanout'; day: string }
) & {
  correlationId?: string;
};

/** One webhook delivery of one platform event to one partner endpoint. */
export interface WebhookJobData {
  endpoint: string;
  eventId: string;
  eventType: string;
  /** The CloudEvent as JSON text (public events only: no personal data). */
  body: string;
  correlationId?: string;
  enqueuedAt: number;
}

/**
 * Deterministic job ids: the same cause always gives the same id, so BullMQ drops a second add while the first job
 * exists, and the delivery log (keyed by the same id) stops a second send after it is gone. Parts are joined with
 * `.` — BullMQ refuses `:` in custom ids.
 */
export function emailJobId(ref: EmailJobRef): string {
  switch (ref.type) {
    case 'application-received':
    case 'application-approved':
    case 'application-rejected':
      return joinId(ref.type, ref.applicationId);
    case 'staff-new-application':
      return joinId(ref.type, ref.applicationId, ref.staffId);
    case 'signup-confirmed':
    case 'signup-waitlisted':
    case 'signup-promoted':
      return joinId(ref.type, ref.signupId, ref.queueSeq);
    case 'campaign-reminder':
      return joinId(ref.type, ref.signupId, ref.queueSeq, String(Date.parse(ref.startsAt)));
    case 'subscription-confirm':
      return joinId(ref.type, ref.subscriptionId, String(ref.generation), String(ref.request));
    case 'newsletter-article':
      return joinId(ref.type, ref.articleId, ref.subscriptionId);
    case 'newsletter-digest':
      return joinId(ref.type, ref.day, ref.subscriptionId);
    case 'campaign-opened':
      return joinId(ref.type, ref.campaignId, ref.subscriptionId);
  }
}

export function joinId(...parts: string[]): string {
  for (const part of parts) if (!/^[A-Za-z0-9_-]+$/.test(part)) throw new Error(`bad job id part ${JSON.stringify(part)}`);
  return parts.join('.');
}

export function notificationTypeOf(data: EmailJobData): NotificationType {
  return data.type;
}

/** Attempts with exponential backoff; completed jobs pruned (bounded), failed jobs kept for staff. */
export function defaultJobOptions(attempts: number, backoffMs: number): JobsOptions {
  return {
    attempts,
    backoff: { type: 'exponential', delay: backoffMs },
    removeOnComplete: { count: 5_000, age: 24 * 3600 },
    removeOnFail: false,
  };
}
