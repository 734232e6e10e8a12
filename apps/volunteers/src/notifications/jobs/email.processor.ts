import { runWithCorrelationId } from '@birgemiz/logging';
import { Inject, Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { VOLUNTEERS_LOGGER } from '../../tokens';
import { EmailChannel } from '../channels/email.channel';
import { DeliveriesRepository } from '../deliveries.repository';
import { EmailComposer } from '../email-composer.service';
import { NotificationMetrics } from '../notification-metrics';
import type { EmailJobData } from '../notification-jobs';

export type EmailJobOutcome = 'sent' | 'skipped' | 'already-delivered';

/**
 * Sends one e-mail per job, at most once per job id as far as this side can know:
 * 1. the delivery log (PostgreSQL, keyed by the job id) is checked first — a job that runs again after a crash,
 *    a stall or a staff retry finds its row and ends without sending;
 * 2. the message is composed from current data (an erased or unsubscribed recipient is skipped and logged);
 * 3. SMTP accepts it, then the row is written (retried a few times before the job is allowed to fail).
 * When PostgreSQL cannot take that write (a database outage longer than the write's retries), the job itself (in
 * Redis) is marked as sent before it fails; its next attempt only writes the delivery log and sends nothing.
 * The only window for a second copy is a crash of this process between SMTP's acceptance and those writes; the copy
 * then carries the same Message-ID (`<jobId@domain>`), which receivers can use to drop it.
 */
@Injectable()
export class EmailProcessor {
  constructor(
    private readonly composer: EmailComposer,
    private readonly channel: EmailChannel,
    private readonly deliveries: DeliveriesRepository,
    private readonly metrics: NotificationMetrics,
    @Inject(VOLUNTEERS_LOGGER) private readonly logger: Logger,
  ) {}

  process(job: Job<EmailJobData>): Promise<EmailJobOutcome> {
    return runWithCorrelationId(job.data.correlationId ?? `job-${job.id}`, () => this.run(job));
  }

  private async run(job: Job<EmailJobData>): Promise<EmailJobOutcome> {
    const jobId = job.id!;
    if (await this.deliveries.find(jobId)) return 'already-delivered';
    if (job.data.sentMessageId) {
      // An earlier attempt sent the message but could not log it: log it now, send nothing.
      await this.recordSent(jobId, job, job.data.sentMessageId, new Date(job.data.enqueuedAt));
      return 'already-delivered';
    }
    const composition = await this.composer.compose(job.data);
    const enqueuedAt = new Date(job.data.enqueuedAt);
    if ('skip' in composition) {
      await this.deliveries.record({ jobId, channel: 'email', type: job.data.type, status: 'skipped', detail: composition.skip, attempts: job.attemptsMade + 1, enqueuedAt });
      this.logger.info({ jobId, type: job.data.type, reason: composition.skip }, 'e-mail skipped');
      return 'skipped';
    }
    const { to, message, headers } = composition.send;
    const sent = await this.channel.send({
      to,
      subject: message.subject,
      html: message.html,
      text: message.text,
      messageId: `<${jobId}@${this.channel.messageIdDomain}>`,
      headers,
      language: message.locale,
    });
    try {
      await this.recordSent(jobId, job, sent.messageId, enqueuedAt);
    } catch (error) {
      await job.updateData({ ...job.data, sentMessageId: sent.messageId }).catch((updateError: unknown) =>
        this.logger.error({ jobId, err: updateError }, 'e-mail sent but neither logged nor marked on the job; a retry may send it again'),
      );
      throw error;
    }
    this.metrics.sent(job.data.type, Date.now() - job.data.enqueuedAt);
    this.logger.info({ jobId, type: job.data.type, locale: message.locale }, 'e-mail sent');
    return 'sent';
  }

  private async recordSent(jobId: string, job: Job<EmailJobData>, messageId: string, enqueuedAt: Date): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.deliveries.record({ jobId, channel: 'email', type: job.data.type, status: 'sent', messageId, attempts: job.attemptsMade + 1, enqueuedAt });
        return;
      } catch (error) {
        if (attempt >= 5) throw error;
        await new Promise((r) => setTimeout(r, 200 * 2 ** attempt));
      }
    }
  }
}
