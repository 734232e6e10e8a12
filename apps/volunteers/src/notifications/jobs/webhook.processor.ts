import { runWithCorrelationId } from '@birgemiz/logging';
import { Inject, Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { VOLUNTEERS_CONFIG, type VolunteersConfig } from '../../config';
import { VOLUNTEERS_LOGGER } from '../../tokens';
import { postWebhook, WebhookDeliveryError } from '../channels/webhook.channel';
import { DeliveriesRepository } from '../deliveries.repository';
import { NotificationMetrics } from '../notification-metrics';
import type { WebhookJobData } from '../notification-jobs';

/**
 * Delivers one signed event to one partner endpoint (retries: BullMQ backoff). Every attempt is logged in
 * `webhook_attempts` (attempt number, HTTP status or network error); a delivered job also gets its
 * `notification_deliveries` row, which stops a second delivery when the job runs again.
 */
@Injectable()
export class WebhookProcessor {
  constructor(
    private readonly deliveries: DeliveriesRepository,
    private readonly metrics: NotificationMetrics,
    @Inject(VOLUNTEERS_CONFIG) private readonly config: Pick<VolunteersConfig, 'WEBHOOK_SECRET'>,
    @Inject(VOLUNTEERS_LOGGER) private readonly logger: Logger,
  ) {}

  process(job: Job<WebhookJobData>): Promise<'sent' | 'already-delivered'> {
    return runWithCorrelationId(job.data.correlationId ?? `job-${job.id}`, async () => {
      const jobId = job.id!;
      if (await this.deliveries.find(jobId)) return 'already-delivered';
      if (!this.config.WEBHOOK_SECRET) throw new Error('WEBHOOK_SECRET is not set');
      const attempt = { jobId, eventType: job.data.eventType, endpointHost: new URL(job.data.endpoint).host, attempt: job.attemptsMade + 1 };
      let result: { status: number };
      try {
        result = await postWebhook(job.data.endpoint, this.config.WEBHOOK_SECRET, { id: jobId, eventType: job.data.eventType, body: job.data.body });
      } catch (error) {
        const status = error instanceof WebhookDeliveryError ? (error.status ?? null) : null;
        await this.deliveries
          .recordWebhookAttempt({ ...attempt, outcome: 'failed', responseStatus: status, error: (error as Error).message })
          .catch((logError: unknown) => this.logger.error({ jobId, err: logError }, 'failed webhook attempt not logged'));
        throw error;
      }
      await this.deliveries.record({
        jobId,
        channel: 'webhook',
        type: job.data.eventType,
        status: 'sent',
        detail: attempt.endpointHost,
        responseStatus: result.status,
        attempts: attempt.attempt,
        enqueuedAt: new Date(job.data.enqueuedAt),
      });
      // The send-once row above comes first; the history row is not worth a second delivery.
      await this.deliveries
        .recordWebhookAttempt({ ...attempt, outcome: 'delivered', responseStatus: result.status, error: null })
        .catch((logError: unknown) => this.logger.error({ jobId, err: logError }, 'delivered webhook attempt not logged'));
      this.metrics.sent('webhook', Date.now() - job.data.enqueuedAt);
      this.logger.info({ jobId, eventType: job.data.eventType, status: result.status }, 'webhook delivered');
      return 'sent';
    });
  }
}
