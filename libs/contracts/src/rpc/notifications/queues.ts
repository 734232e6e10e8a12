/**
 * BullMQ queue names of the notifications pipeline. They are wire identifiers (Redis keys, dashboards, other
 * instances of the service read them): DO NOT RENAME, and never derive them from class names.
 */
export const NotificationQueues = {
  /** One job per e-mail to one person. */
  Email: 'birgemiz-notifications-email',
  /** One job per webhook delivery to one partner endpoint. */
  Webhook: 'birgemiz-notifications-webhook',
  /** Fan-out of a published article or an opened campaign to subscribers, and the daily digests. */
  Newsletter: 'birgemiz-notifications-newsletter',
} as const;

export type NotificationQueueName = (typeof NotificationQueues)[keyof typeof NotificationQueues];
export const NOTIFICATION_QUEUE_NAMES: readonly NotificationQueueName[] = Object.values(NotificationQueues);

/** Notification types: each has a template per content locale. Wire values (job data, delivery log): DO NOT RENAME. */
export const NOTIFICATION_TYPES = [
  'application-received',
  'application-approved',
  'application-rejected',
  'signup-confirmed',
  'signup-waitlisted',
  'signup-promoted',
  'campaign-reminder',
  'staff-new-application',
  'subscription-confirm',
  'newsletter-article',
  'newsletter-digest',
  'campaign-opened',
] as const;
export type NotificationType = (typeof NOTIFICATION_TYPES)[number];
