import {
  NotificationQueues,
  type FailedJobView,
  type FailedJobsQuery,
  type NotificationMetrics as NotificationMetricsView,
  type NotificationQueueName,
  type Page,
} from '@birgemiz/contracts';
import { DomainError, ErrorCode } from '@birgemiz/errors';
import { currentCorrelationId, maskEmailAddresses } from '@birgemiz/logging';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { Queue, type JobsOptions } from 'bullmq';
import { Redis } from 'ioredis';
import { VOLUNTEERS_CONFIG, type VolunteersConfig } from '../config';
import { NotificationMetrics } from './notification-metrics';
import { defaultJobOptions, emailJobId, joinId, type EmailJobRef, type NewsletterJobData, type WebhookJobData, type EmailJobData } from './notification-jobs';

type Config = Pick<VolunteersConfig, 'REDIS_URL' | 'NOTIFICATION_QUEUE_PREFIX' | 'NOTIFICATION_ATTEMPTS' | 'NOTIFICATION_BACKOFF_MS'>;

/** The producer side of the notification queues, and the staff operations on them (failed list, retry, counts). */
@Injectable()
export class NotificationQueuesService implements OnApplicationShutdown {
  readonly connection: Redis;
  readonly email: Queue<EmailJobData>;
  readonly newsletter: Queue<NewsletterJobData>;
  readonly webhook: Queue<WebhookJobData>;
  readonly jobOptions: JobsOptions;

  constructor(
    @Inject(VOLUNTEERS_CONFIG) readonly config: Config,
    private readonly metrics: NotificationMetrics,
  ) {
    // Producers fail fast instead of queueing commands forever while Redis is away; workers have their own connections.
    this.connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3, enableOfflineQueue: true });
    this.jobOptions = defaultJobOptions(config.NOTIFICATION_ATTEMPTS, config.NOTIFICATION_BACKOFF_MS);
    const options = { connection: this.connection, prefix: config.NOTIFICATION_QUEUE_PREFIX, defaultJobOptions: this.jobOptions };
    this.email = new Queue<EmailJobData>(NotificationQueues.Email, options);
    this.newsletter = new Queue<NewsletterJobData>(NotificationQueues.Newsletter, options);
    this.webhook = new Queue<WebhookJobData>(NotificationQueues.Webhook, options);
  }

  /** Adds e-mails with deterministic ids (a second add of the same cause is a no-op); `addBulk` in one round trip. */
  async addEmails(refs: EmailJobRef[], extra: { delayMs?: number } = {}): Promise<void> {
    if (refs.length === 0) return;
    const correlationId = currentCorrelationId();
    const enqueuedAt = Date.now();
    await this.email.addBulk(
      refs.map((ref) => ({
        name: ref.type,
        data: { ...ref, correlationId, enqueuedAt } as EmailJobData,
        opts: { ...this.jobOptions, jobId: emailJobId(ref), ...(extra.delayMs ? { delay: extra.delayMs } : {}) },
      })),
    );
  }

  /** Jobs from the notification outbox: each keeps the time and correlation of its cause, and its own delay. */
  async addEmailJobs(jobs: { ref: EmailJobRef; enqueuedAt: number; correlationId?: string; delayMs?: number }[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.email.addBulk(
      jobs.map((job) => ({
        name: job.ref.type,
        data: { ...job.ref, correlationId: job.correlationId, enqueuedAt: job.enqueuedAt } as EmailJobData,
        opts: { ...this.jobOptions, jobId: emailJobId(job.ref), ...(job.delayMs ? { delay: job.delayMs } : {}) },
      })),
    );
  }

  async addNewsletter(data: NewsletterJobData): Promise<void> {
    const jobId =
      data.kind === 'article-fanout'
        ? joinId('article-fanout', data.articleId)
        : data.kind === 'campaign-fanout'
          ? joinId('campaign-fanout', data.campaignId)
          : joinId('digest-fanout', data.day);
    await this.newsletter.add(data.kind, { ...data, correlationId: currentCorrelationId() }, { ...this.jobOptions, jobId });
  }

  async addWebhooks(jobs: { jobId: string; data: WebhookJobData }[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.webhook.addBulk(jobs.map((j) => ({ name: 'deliver', data: j.data, opts: { ...this.jobOptions, jobId: j.jobId } })));
  }

  queue(name: NotificationQueueName): Queue {
    switch (name) {
      case NotificationQueues.Email:
        return this.email;
      case NotificationQueues.Newsletter:
        return this.newsletter;
      case NotificationQueues.Webhook:
        return this.webhook;
    }
  }

  async failed(query: FailedJobsQuery): Promise<Page<FailedJobView>> {
    const names = query.queue ? [query.queue] : (Object.values(NotificationQueues) as NotificationQueueName[]);
    const start = (query.page - 1) * query.pageSize;
    const items: FailedJobView[] = [];
    let total = 0;
    for (const name of names) {
      const queue = this.queue(name);
      const count = await queue.getFailedCount();
      const from = Math.max(0, start - total);
      total += count;
      if (items.length >= query.pageSize || from >= count) continue;
      const jobs = await queue.getFailed(from, from + (query.pageSize - items.length) - 1);
      for (const job of jobs) {
        items.push({
          queue: name,
          jobId: job.id ?? '',
          name: job.name,
          attemptsMade: job.attemptsMade,
          // SMTP rejections quote the recipient: staff see the reason without addresses.
          failedReason: maskEmailAddresses(job.failedReason ?? ''),
          failedAt: job.finishedOn ? new Date(job.finishedOn).toISOString() : null,
          createdAt: new Date(job.timestamp).toISOString(),
        });
      }
    }
    return { items, page: query.page, pageSize: query.pageSize, total };
  }

  /**
   * Puts a failed job back in the queue (the delivery log still prevents a second send of a delivered message) and
   * answers the state it is in now. 409 `job_not_failed` for a job in any other state, 404 for an unknown one.
   */
  async retry(name: NotificationQueueName, jobId: string): Promise<{ queue: NotificationQueueName; jobId: string; state: string }> {
    const job = await this.queue(name).getJob(jobId);
    if (!job) throw new DomainError(ErrorCode.NotFound, 'no such job');
    const state = await job.getState();
    if (state !== 'failed') {
      throw new DomainError(ErrorCode.Conflict, `job is ${state}`, { issues: [{ path: 'jobId', reason: 'job_not_failed' }], meta: { state } });
    }
    await job.retry('failed');
    // The state right after the move: waiting (or already active, even done, when a worker was quick).
    return { queue: name, jobId, state: await job.getState() };
  }

  async snapshot(): Promise<NotificationMetricsView> {
    const queues = {} as NotificationMetricsView['queues'];
    for (const name of Object.values(NotificationQueues) as NotificationQueueName[]) {
      const c = await this.queue(name).getJobCounts('waiting', 'active', 'delayed', 'failed', 'completed');
      queues[name] = { waiting: c.waiting ?? 0, active: c.active ?? 0, delayed: c.delayed ?? 0, failed: c.failed ?? 0, completed: c.completed ?? 0 };
    }
    return { queues, ...this.metrics.snapshot() };
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.email.close(), this.newsletter.close(), this.webhook.close()]);
    await this.connection.quit().catch(() => this.connection.disconnect());
  }
}
