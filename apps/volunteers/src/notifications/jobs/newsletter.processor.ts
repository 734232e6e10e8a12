import { runWithCorrelationId } from '@birgemiz/logging';
import { Inject, Injectable } from '@nestjs/common';
import type { Job } from 'bullmq';
import type { Logger } from 'pino';
import { SubscriptionsRepository, type NewsletterAudienceRow } from '../../subscriptions/subscriptions.repository';
import { VOLUNTEERS_LOGGER } from '../../tokens';
import { announceable } from '../email-composer.service';
import { NotificationDataRepository } from '../notification-data.repository';
import type { EmailJobRef, NewsletterJobData } from '../notification-jobs';
import { NotificationQueuesService } from '../notification-queues.service';

const PAGE = 1_000;

/**
 * Fans a published article out to the confirmed "immediate" subscribers who follow it, an opened campaign out to the
 * subscribers of the `campaigns` topic (their region or none), and the daily digests out to the "daily" ones: pages
 * of subscribers (keyset by id) become `addBulk` calls of e-mail jobs with deterministic ids. The last id done is kept
 * as the job's progress, so a fan-out interrupted by a crash resumes where it stopped; a page added twice is harmless
 * (same job ids, and the delivery log).
 */
@Injectable()
export class NewsletterProcessor {
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly data: NotificationDataRepository,
    private readonly queues: NotificationQueuesService,
    @Inject(VOLUNTEERS_LOGGER) private readonly logger: Logger,
  ) {}

  process(job: Job<NewsletterJobData>): Promise<{ enqueued: number }> {
    return runWithCorrelationId(job.data.correlationId ?? `job-${job.id}`, () => {
      switch (job.data.kind) {
        case 'article-fanout':
          return this.articleFanout(job, job.data.articleId);
        case 'campaign-fanout':
          return this.campaignFanout(job, job.data.campaignId);
        default:
          return this.digestFanout(job, digestDayOf(job));
      }
    });
  }

  private async articleFanout(job: Job<NewsletterJobData>, articleId: string): Promise<{ enqueued: number }> {
    const issue = await this.data.issue(articleId);
    if (!issue || issue.withdrawn_at || issue.fanned_out_at) return { enqueued: 0 };
    const enqueued = await this.fanOut(
      job,
      (after) => this.subscriptions.newsletterAudience('immediate', issue.region, after, PAGE),
      (subscriptionId) => ({ type: 'newsletter-article', subscriptionId, articleId }),
    );
    await this.data.markFannedOut(articleId);
    this.logger.info({ articleId, enqueued }, 'newsletter fanned out');
    return { enqueued };
  }

  /** A campaign that is no longer open (or has started) by the time its fan-out runs is announced to nobody. */
  private async campaignFanout(job: Job<NewsletterJobData>, campaignId: string): Promise<{ enqueued: number }> {
    const campaign = await this.data.campaign(campaignId);
    if (!campaign || !announceable(campaign)) return { enqueued: 0 };
    const enqueued = await this.fanOut(
      job,
      (after) => this.subscriptions.campaignAudience(campaign.region, after, PAGE),
      (subscriptionId) => ({ type: 'campaign-opened', subscriptionId, campaignId }),
    );
    this.logger.info({ campaignId, enqueued }, 'campaign announcement fanned out');
    return { enqueued };
  }

  private async digestFanout(job: Job<NewsletterJobData>, day: string): Promise<{ enqueued: number }> {
    const enqueued = await this.fanOut(
      job,
      (after) => this.subscriptions.dailyAudience(after, PAGE),
      (subscriptionId) => ({ type: 'newsletter-digest', subscriptionId, day }),
    );
    this.logger.info({ day, enqueued }, 'daily digests fanned out');
    return { enqueued };
  }

  /** Pages of the audience, from the job's saved progress on, become one `addBulk` each; answers how many were added. */
  private async fanOut(
    job: Job<NewsletterJobData>,
    audience: (afterId: string | null) => Promise<NewsletterAudienceRow[]>,
    ref: (subscriptionId: string) => EmailJobRef,
  ): Promise<number> {
    let after = progressOf(job);
    let enqueued = 0;
    for (;;) {
      const page = await audience(after);
      if (page.length === 0) return enqueued;
      await this.queues.addEmails(page.map((s) => ref(s.id)));
      enqueued += page.length;
      after = page[page.length - 1].id;
      await job.updateProgress({ after });
    }
  }
}

function progressOf(job: Job): string | null {
  const progress = job.progress as { after?: string } | number | undefined;
  return typeof progress === 'object' && progress && typeof progress.after === 'string' ? progress.after : null;
}

/**
 * The UTC day a digest fan-out is for: the day given in its data, or else the day its job scheduler fired it. BullMQ
 * creates the job of each scheduled run when the previous run starts (a day earlier) and keeps the planned fire time
 * in `opts.prevMillis` and in the job id (`repeat:<scheduler>:<millis>`); the job's `timestamp` is its creation time
 * and would name the previous day, whose digests went out already.
 */
export function digestDayOf(job: Pick<Job<NewsletterJobData>, 'id' | 'data' | 'opts' | 'timestamp' | 'delay'>): string {
  if (job.data.kind === 'digest-fanout' && job.data.day) return job.data.day;
  const planned = (job.opts as { prevMillis?: unknown }).prevMillis;
  const fromId = /^repeat:.+:(\d+)$/.exec(job.id ?? '')?.[1];
  const firedAt = typeof planned === 'number' && planned > 0 ? planned : fromId ? Number(fromId) : job.timestamp + (job.delay ?? 0);
  return new Date(firedAt).toISOString().slice(0, 10);
}
