import { z } from 'zod';
import { CONTENT_LOCALES, type ContentLocale } from '../../locales';
import { REGION_CODES } from '../../regions';
import { staffActorSchema } from '../auth';
import { NOTIFICATION_QUEUE_NAMES, NOTIFICATION_TYPES, type NotificationQueueName, type NotificationType } from './queues';

/** Query of GET /api/v1/staff/notifications/preview. */
export const previewQuerySchema = z.object({ type: z.enum(NOTIFICATION_TYPES), locale: z.enum(CONTENT_LOCALES).default('kk-Cyrl') }).strict();
export type PreviewQuery = z.infer<typeof previewQuerySchema>;
export const previewRequestSchema = previewQuerySchema.extend({ actor: staffActorSchema }).strict();
export type PreviewRequest = z.infer<typeof previewRequestSchema>;

export interface NotificationPreview {
  type: NotificationType;
  requestedLocale: ContentLocale;
  locale: ContentLocale;
  subject: string;
  html: string;
  text: string;
}

/** Query of GET /api/v1/staff/notifications/failed. */
export const failedJobsQuerySchema = z
  .object({
    queue: z.enum(NOTIFICATION_QUEUE_NAMES as [NotificationQueueName, ...NotificationQueueName[]]).optional(),
    page: z.coerce.number().int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type FailedJobsQuery = z.infer<typeof failedJobsQuerySchema>;
export const failedJobsRequestSchema = z.object({ actor: staffActorSchema, query: failedJobsQuerySchema }).strict();
export type FailedJobsRequest = z.infer<typeof failedJobsRequestSchema>;

/** BullMQ job ids of this pipeline: letters, digits, `.`, `_` and `-` (no `:`, which BullMQ reserves). */
export const notificationJobIdSchema = z.string().regex(/^[A-Za-z0-9._-]{1,200}$/);
export const retryJobRequestSchema = z
  .object({ actor: staffActorSchema, queue: z.enum(NOTIFICATION_QUEUE_NAMES as [NotificationQueueName, ...NotificationQueueName[]]), jobId: notificationJobIdSchema })
  .strict();
export type RetryJobRequest = z.infer<typeof retryJobRequestSchema>;
export const metricsRequestSchema = z.object({ actor: staffActorSchema }).strict();

/** A failed job as staff see it: ids and the error, never addresses (job data carries none). */
export interface FailedJobView {
  queue: NotificationQueueName;
  jobId: string;
  name: string;
  attemptsMade: number;
  failedReason: string;
  failedAt: string | null;
  createdAt: string;
}

export interface NotificationMetrics {
  queues: Record<NotificationQueueName, { waiting: number; active: number; delayed: number; failed: number; completed: number }>;
  /** Counted since this instance started. */
  sent: Record<string, number>;
  failed: Record<string, number>;
  /** Milliseconds from enqueue to accepted by the channel, over this instance's recent deliveries. */
  latencyMs: { count: number; p50: number | null; p95: number | null; max: number | null };
}

/** Body of PUT /api/v1/staff/notifications/alerts: the regions whose new applications the staff member is told about. */
export const staffAlertsBodySchema = z
  .object({
    regions: z.array(z.enum(REGION_CODES)).max(REGION_CODES.length).transform((r) => [...new Set(r)]),
    locale: z.enum(CONTENT_LOCALES).default('kk-Cyrl'),
  })
  .strict();
export type StaffAlertsBody = z.infer<typeof staffAlertsBodySchema>;
export const staffAlertsRequestSchema = z.object({ actor: staffActorSchema, alerts: staffAlertsBodySchema }).strict();
export type StaffAlertsRequest = z.infer<typeof staffAlertsRequestSchema>;
