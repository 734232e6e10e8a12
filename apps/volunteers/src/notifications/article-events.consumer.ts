import {
  ArticleDeleted,
  ArticlePublished,
  ArticleUnpublished,
  CampaignOpened,
  Topics,
  type ArticleRemovedPayload,
  type ArticleSnapshotPayload,
  type CampaignEventPayload,
  type CloudEvent,
} from '@birgemiz/contracts';
import { KafkaEventConsumer, kafkaClientConfig, kafkaSettingsFrom, type EventHandler } from '@birgemiz/messaging';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { VOLUNTEERS_CONFIG, type VolunteersConfig } from '../config';
import { INSTANCE_ID, VOLUNTEERS_LOGGER } from '../tokens';
import { NotificationDataRepository } from './notification-data.repository';
import { joinId } from './notification-jobs';
import { NotificationQueuesService } from './notification-queues.service';

/** Consumer group of the newsletter (and partner webhooks): a wire identifier, DO NOT RENAME. */
export const NEWSLETTER_CONSUMER_GROUP = 'birgemiz-volunteers-newsletter';

/**
 * Reads public events for notifications: a published article is stored once (newest version) and fanned out to
 * subscribers by a deterministic newsletter job; unpublished or deleted articles are withdrawn (jobs not yet run send
 * nothing). An opened campaign is announced to the subscribers of the `campaigns` topic (fan-out job
 * `campaign-fanout.<campaignId>`). Published articles and opened campaigns also go to the partner webhooks. A
 * re-delivered event adds nothing new: every job id derives from the event or its aggregate.
 */
@Injectable()
export class ArticleEventsConsumer implements OnApplicationBootstrap, OnModuleDestroy {
  private consumer: KafkaEventConsumer | undefined;
  private readonly endpoints: string[];

  constructor(
    private readonly data: NotificationDataRepository,
    private readonly queues: NotificationQueuesService,
    @Inject(VOLUNTEERS_CONFIG) private readonly config: VolunteersConfig,
    @Inject(INSTANCE_ID) private readonly instanceId: string,
    @Inject(VOLUNTEERS_LOGGER) private readonly logger: Logger,
  ) {
    this.endpoints = webhookEndpoints(config.WEBHOOK_URLS);
  }

  async onApplicationBootstrap(): Promise<void> {
    const settings = kafkaSettingsFrom(this.config);
    const kafka = new Kafka(kafkaClientConfig(settings, `birgemiz-volunteers-newsletter-${this.instanceId}`, this.logger));
    const handlers: EventHandler[] = [
      { topic: Topics.NewsArticleV1, events: [ArticlePublished, ArticleUnpublished, ArticleDeleted], handle: (event) => this.onArticle(event) },
      { topic: Topics.VolunteersCampaignV1, events: [CampaignOpened], handle: (event) => this.onCampaign(event) },
    ];
    this.consumer = new KafkaEventConsumer(kafka, { groupId: NEWSLETTER_CONSUMER_GROUP, handlers, settings, logger: this.logger });
    await this.consumer.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.consumer?.stop();
  }

  /** The handler, public for tests that feed events without Kafka. */
  async onArticle(event: CloudEvent): Promise<void> {
    if (event.type === ArticlePublished.type) {
      const payload = event.data as ArticleSnapshotPayload;
      const { needsFanout } = await this.data.storeIssue(payload);
      if (needsFanout) await this.queues.addNewsletter({ kind: 'article-fanout', articleId: payload.articleId });
      await this.toWebhooks(event);
    } else {
      const payload = event.data as ArticleRemovedPayload;
      await this.data.withdrawIssue(payload.articleId, payload.version);
    }
  }

  /** The handler of opened campaigns, public for tests that feed events without Kafka. */
  async onCampaign(event: CloudEvent): Promise<void> {
    if (event.type !== CampaignOpened.type) return;
    await this.queues.addNewsletter({ kind: 'campaign-fanout', campaignId: (event.data as CampaignEventPayload).campaignId });
    await this.toWebhooks(event);
  }

  async toWebhooks(event: CloudEvent): Promise<void> {
    if (this.endpoints.length === 0) return;
    const body = JSON.stringify(event);
    await this.queues.addWebhooks(
      this.endpoints.map((endpoint) => ({
        jobId: joinId('webhook', digest(event.id), digest(endpoint)),
        data: { endpoint, eventId: event.id, eventType: event.type, body, enqueuedAt: Date.now() },
      })),
    );
  }
}

function digest(value: string): string {
  return createHash('sha256').update(value).digest('base64url').slice(0, 22).replace(/[^A-Za-z0-9_-]/g, '_');
}

/** WEBHOOK_URLS: comma-separated; https, or http to a loopback address (local tests). */
export function webhookEndpoints(list: string): string[] {
  return list
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map((url) => {
      const parsed = new URL(url);
      const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(parsed.hostname);
      if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && loopback)) throw new Error(`webhook endpoint must be https: ${parsed.host}`);
      return parsed.toString();
    });
}
