import { NotificationQueues } from '@birgemiz/contracts';
import { maskEmailAddresses } from '@birgemiz/logging';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Worker, type Job, type Processor, type WorkerOptions } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { VOLUNTEERS_CONFIG, type VolunteersConfig } from '../../config';
import { VOLUNTEERS_LOGGER } from '../../tokens';
import { NotificationMetrics } from '../notification-metrics';
import { NotificationQueuesService } from '../notification-queues.service';
import { EmailProcessor } from './email.processor';
import { HostLoadGate } from './host-load-gate';
import { NewsletterProcessor } from './newsletter.processor';
import { WebhookProcessor } from './webhook.processor';

/** Name of the repeatable job that starts the daily digests (a BullMQ job scheduler id: DO NOT RENAME). */
export const DAILY_DIGEST_SCHEDULER = 'daily-digest';

type Config = Pick<
  VolunteersConfig,
  | 'REDIS_URL'
  | 'NOTIFICATION_QUEUE_PREFIX'
  | 'NOTIFICATION_CONCURRENCY'
  | 'NOTIFICATION_WORKERS'
  | 'NOTIFICATION_LOCK_MS'
  | 'DIGEST_HOUR_UTC'
  | 'NOTIFICATION_YIELD_BUSY_PERCENT'
  | 'NOTIFICATION_YIELD_MAX_MS'
>;

/**
 * Runs the BullMQ workers of the notification queues in this instance (unless NOTIFICATION_WORKERS=false). Each worker
 * has its own Redis connection with `maxRetriesPerRequest: null`, as BullMQ requires. On shutdown the workers stop
 * taking jobs and wait for the active ones to finish (`worker.close()`), before the queues and Redis close.
 */
@Injectable()
export class NotificationWorkersService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly workers: Worker[] = [];
  private readonly connections: Redis[] = [];
  private gate: HostLoadGate | undefined;

  constructor(
    @Inject(VOLUNTEERS_CONFIG) private readonly config: Config,
    private readonly queues: NotificationQueuesService,
    private readonly email: EmailProcessor,
    private readonly newsletter: NewsletterProcessor,
    private readonly webhook: WebhookProcessor,
    private readonly metrics: NotificationMetrics,
    @Inject(VOLUNTEERS_LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queues.newsletter.upsertJobScheduler(
      DAILY_DIGEST_SCHEDULER,
      { pattern: `0 ${this.config.DIGEST_HOUR_UTC} * * *`, tz: 'UTC' },
      { name: 'digest-fanout', data: { kind: 'digest-fanout', day: '' } },
    );
    if (!this.config.NOTIFICATION_WORKERS) return;
    this.start(NotificationQueues.Email, (job) => this.email.process(job), this.config.NOTIFICATION_CONCURRENCY);
    this.start(NotificationQueues.Newsletter, (job) => this.newsletter.process(job), 1);
    this.start(NotificationQueues.Webhook, (job) => this.webhook.process(job), Math.max(1, Math.floor(this.config.NOTIFICATION_CONCURRENCY / 2)));
    if (this.config.NOTIFICATION_YIELD_BUSY_PERCENT > 0) this.yieldToRequests(this.config.NOTIFICATION_YIELD_BUSY_PERCENT / 100);
  }

  /** Pauses every worker (active jobs finish) while the rest of the host is busy: see HostLoadGate. */
  private yieldToRequests(busyShare: number): void {
    this.gate = new HostLoadGate({
      busyShare,
      maxPauseMs: this.config.NOTIFICATION_YIELD_MAX_MS,
      minRunMs: 5_000,
      sampleMs: 500,
      pause: () => {
        this.logger.debug({ pauses: this.gate?.pauses }, 'notification workers yield to a busy host');
        for (const worker of this.workers) {
          worker.pause(true).catch((error: Error) => this.logger.warn({ queue: worker.name, error: error.message }, 'notification worker did not pause'));
        }
      },
      resume: () => {
        this.logger.debug('notification workers resume');
        for (const worker of this.workers) worker.resume();
      },
    });
    this.gate.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.close();
  }

  /** Stops taking jobs, waits for the active ones, closes the connections. */
  async close(): Promise<void> {
    this.gate?.stop();
    this.gate = undefined;
    await Promise.allSettled(this.workers.map((w) => w.close()));
    await Promise.allSettled(this.connections.map((c) => c.quit()));
    this.workers.length = 0;
    this.connections.length = 0;
  }

  private start(name: string, processor: Processor, concurrency: number): void {
    const connection = new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: null, enableReadyCheck: false });
    this.connections.push(connection);
    const options: WorkerOptions = {
      connection,
      prefix: this.config.NOTIFICATION_QUEUE_PREFIX,
      concurrency,
      lockDuration: this.config.NOTIFICATION_LOCK_MS,
      stalledInterval: Math.max(500, Math.floor(this.config.NOTIFICATION_LOCK_MS / 2)),
      // A job whose worker died is re-run once; a second stall marks it failed (kept for staff).
      maxStalledCount: 1,
    };
    const worker = new Worker(name, processor, options);
    worker.on('failed', (job: Job | undefined, error: Error) => {
      const type = (job?.data as { type?: string; kind?: string } | undefined)?.type ?? job?.name ?? name;
      const final = job ? job.attemptsMade >= (job.opts.attempts ?? 1) : true;
      if (final) this.metrics.failed(type);
      this.logger.warn({ queue: name, jobId: job?.id, type, attemptsMade: job?.attemptsMade, final, error: maskEmailAddresses(error.message) }, 'notification job failed');
    });
    worker.on('error', (error) => this.logger.error({ queue: name, error: maskEmailAddresses(error.message) }, 'notification worker error'));
    this.workers.push(worker);
  }
}
