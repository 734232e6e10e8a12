import { runWithCorrelationId } from '@birgemiz/logging';
import { Inject, Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { VOLUNTEERS_CONFIG, type VolunteersConfig } from '../../config';
import { VOLUNTEERS_LOGGER } from '../../tokens';
import { postWebhook } from '../channels/webhook.channel';
import { DeliveriesRepository } from '../deliveries.repository';
import { NotificationMetrics } from '../notification-metrics';
import type { WebhookJobData } from '../notification-jobs';

/** Delivers one signed event to one partner endpoint; the delivery log records the answer (retries: BullMQ backoff). */
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
      const result = await postWebhook(job.data.endpoint, this.config.WEBHOOK_SECRET, { id: jobId, eventType: job.data.eventType, body: job.data.body });
      await this.deliveries.record({
        jobId,
        channel: 'webhook',
        type: job.data.eventType,
        status: 'sent',
        detail: new URL(job.data.endpoint).host,
        responseStatus: result.status,
        attempts: job.attemptsMade + 1,
        enqueuedAt: new Date(job.data.enqueuedAt),
      });
      this.metrics.sent('webhook', Date.now() - job.data.enqueuedAt);
      this.logger.info({ jobId, eventType: job.data.eventType, status: result.status }, 'webhook delivered');
      return 'sent';
    });
  }
}
