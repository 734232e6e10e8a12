import {
  ArticleDeleted,
  ArticlePublished,
  ArticleStateChanged,
  ArticleStateDeleted,
  ArticleUnpublished,
  ArticleUpdated,
  Topics,
  type ArticleRemovedPayload,
  type ArticleSnapshotPayload,
  type ArticleStatePayload,
  type CloudEvent,
} from '@birgemiz/contracts';
import { kafkaClientConfig, kafkaSettingsFrom, KafkaEventConsumer, type EventHandler } from '@birgemiz/messaging';
import { Inject, Injectable, Logger, type BeforeApplicationShutdown } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import type { Logger as PinoLogger } from 'pino';
import { SEARCH_CONFIG, type SearchConfig } from '../config';
import { publicDocumentsFromSnapshot, staffDocuments, type ArticleChange } from '../documents/search-document';
import { INDEXER_OPTIONS, INSTANCE_ID, SEARCH_LOGGER } from '../tokens';
import { IndexWriterService } from './index-writer.service';

export interface IndexerOptions {
  /** The public article topic (published translations only): feeds the public scope. */
  publicTopic: string;
  /** The internal article-state topic (every translation and status): feeds the staff scope. */
  stateTopic: string;
  /** Consumer group; by default derived from the index's id, so a new index starts a new group. */
  groupId?: string;
  maxAttempts?: number;
  retryBackoffMs?: number;
}

export const DEFAULT_INDEXER_OPTIONS: IndexerOptions = { publicTopic: Topics.NewsArticleV1, stateTopic: Topics.NewsArticleStateV1 };

/** Turns a consumed article event into a change of one scope of the index. */
export function changeFromEvent(event: CloudEvent): ArticleChange | null {
  switch (event.type) {
    case ArticlePublished.type:
    case ArticleUpdated.type: {
      const data = event.data as ArticleSnapshotPayload;
      return { scope: 'public', articleId: data.articleId, version: data.version, documents: publicDocumentsFromSnapshot(data) };
    }
    case ArticleUnpublished.type:
    case ArticleDeleted.type: {
      const data = event.data as ArticleRemovedPayload;
      return { scope: 'public', articleId: data.articleId, version: data.version, documents: null };
    }
    case ArticleStateChanged.type: {
      const data = event.data as ArticleStatePayload;
      return { scope: 'staff', articleId: data.articleId, version: data.version, documents: staffDocuments(data) };
    }
    case ArticleStateDeleted.type: {
      const data = event.data as ArticleRemovedPayload;
      return { scope: 'staff', articleId: data.articleId, version: data.version, documents: null };
    }
    default:
      return null;
  }
}

/**
 * Keeps the index current from the news service's events: the public topic feeds the public scope (so what the
 * public can find is exactly what news announced as public), the internal state topic feeds the staff scope.
 * Validation, bounded retries and dead letters come from KafkaEventConsumer; versions make it idempotent.
 */
@Injectable()
export class ArticleEventsConsumer implements BeforeApplicationShutdown {
  private readonly logger = new Logger(ArticleEventsConsumer.name);
  private consumer: KafkaEventConsumer | null = null;
  private readonly kafka: Kafka;

  constructor(
    private readonly writer: IndexWriterService,
    @Inject(SEARCH_CONFIG) private readonly config: SearchConfig,
    @Inject(INDEXER_OPTIONS) private readonly options: IndexerOptions,
    @Inject(SEARCH_LOGGER) private readonly pino: PinoLogger,
    @Inject(INSTANCE_ID) instanceId: string,
  ) {
    this.kafka = new Kafka(kafkaClientConfig(kafkaSettingsFrom(config), `birgemiz-search-indexer-${instanceId}`, pino));
  }

  get running(): boolean {
    return this.consumer !== null;
  }

  /** Joins the group (new groups start at the end: a new index is filled by a rebuild) and waits for partitions. */
  async start(groupId: string): Promise<void> {
    if (this.consumer) return;
    const handler = (topic: string, events: EventHandler['events']): EventHandler => ({
      topic,
      events,
      handle: async (event) => {
        const change = changeFromEvent(event);
        if (change) await this.writer.apply(change);
      },
    });
    const consumer = new KafkaEventConsumer(this.kafka, {
      groupId: this.options.groupId ?? groupId,
      settings: kafkaSettingsFrom(this.config),
      logger: this.pino,
      fromBeginning: false,
      maxAttempts: this.options.maxAttempts ?? 5,
      retryBackoffMs: this.options.retryBackoffMs ?? 200,
      partitionsConsumedConcurrently: 3,
      handlers: [
        handler(this.options.publicTopic, [ArticlePublished, ArticleUpdated, ArticleUnpublished, ArticleDeleted]),
        handler(this.options.stateTopic, [ArticleStateChanged, ArticleStateDeleted]),
      ],
    });
    const assigned = consumer.waitForAssignment(60_000);
    await consumer.start();
    this.consumer = consumer;
    await assigned;
    this.logger.log({ msg: 'indexing article events', groupId: consumer.groupId });
  }

  async beforeApplicationShutdown(): Promise<void> {
    const consumer = this.consumer;
    this.consumer = null;
    await consumer?.stop();
  }
}
