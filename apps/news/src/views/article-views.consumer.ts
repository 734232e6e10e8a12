import { articleViewedPayloadSchema, cloudEventEnvelopeSchema, Topics } from '@birgemiz/contracts';
import { consumerConfig, kafkaClientConfig, kafkaSettingsFrom } from '@birgemiz/messaging';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { Kafka, type Consumer, type EachBatchPayload } from 'kafkajs';
import type { Logger as PinoLogger } from 'pino';
import { NEWS_CONFIG, type NewsConfig } from '../config';
import { INSTANCE_ID, NEWS_LOGGER } from '../tokens';
import { ViewCountsRepository } from './view-counts.repository';

export const VIEWS_GROUP = 'birgemiz-news-views';
/**
 * The broker holds a views fetch until this much has arrived or VIEWS_FETCH_MAX_WAIT_MS has passed: under a steady
 * trickle of small view events (the gateway sends one per article every few milliseconds while it is busy) a batch
 * then gathers a quarter of a second of them, so the counts cost a few transactions a second instead of one per event.
 * A burst still fills large batches at once; a view reaches the stored count at most this much later.
 */
const VIEWS_FETCH_MIN_BYTES = 256 * 1024;
const VIEWS_FETCH_MAX_WAIT_MS = 250;

/**
 * Aggregates the gateway's view events in batches. Offsets live in PostgreSQL next to the counts (see
 * ViewCountsRepository), so killing the service mid-batch neither loses nor double-counts a view; Kafka's own
 * committed offsets only save re-reading. Malformed events are skipped (logged), never retried forever.
 */
@Injectable()
export class ArticleViewsConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ArticleViewsConsumer.name);
  private readonly consumer: Consumer;

  constructor(
    private readonly counts: ViewCountsRepository,
    @Inject(NEWS_CONFIG) config: NewsConfig,
    @Inject(INSTANCE_ID) instanceId: string,
    @Inject(NEWS_LOGGER) pino: PinoLogger,
  ) {
    const settings = kafkaSettingsFrom(config);
    const kafka = new Kafka(kafkaClientConfig(settings, `birgemiz-news-views-${instanceId}`, pino));
    this.consumer = kafka.consumer({
      ...consumerConfig(settings, VIEWS_GROUP),
      maxBytesPerPartition: 2 * 1024 * 1024,
      minBytes: VIEWS_FETCH_MIN_BYTES,
      maxWaitTimeInMs: VIEWS_FETCH_MAX_WAIT_MS,
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [Topics.NewsArticleViewV1], fromBeginning: true });
    this.consumer.on(this.consumer.events.GROUP_JOIN, ({ payload }) => {
      void this.seekToStoredOffsets(payload.memberAssignment[Topics.NewsArticleViewV1] ?? []);
    });
    await this.consumer.run({ autoCommit: false, eachBatchAutoResolve: false, eachBatch: (payload) => this.onBatch(payload) });
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer.disconnect();
  }

  private async seekToStoredOffsets(partitions: number[]): Promise<void> {
    const stored = await this.counts.storedOffsets(Topics.NewsArticleViewV1);
    for (const partition of partitions) {
      const offset = stored.get(partition);
      if (offset !== undefined) this.consumer.seek({ topic: Topics.NewsArticleViewV1, partition, offset });
    }
  }

  private async onBatch({ batch, resolveOffset, heartbeat, commitOffsetsIfNecessary, isRunning, isStale }: EachBatchPayload): Promise<void> {
    if (!isRunning() || isStale() || batch.messages.length === 0) return;
    const views: { offset: bigint; articleId: string; count: number }[] = [];
    let invalid = 0;
    for (const message of batch.messages) {
      try {
        const envelope = cloudEventEnvelopeSchema.parse(JSON.parse(message.value?.toString('utf8') ?? ''));
        const { articleId, count } = articleViewedPayloadSchema.parse(envelope.data);
        views.push({ offset: BigInt(message.offset), articleId, count });
      } catch {
        invalid += 1;
      }
    }
    const last = batch.messages[batch.messages.length - 1].offset;
    await this.counts.apply({ topic: batch.topic, partition: batch.partition, views, nextOffset: BigInt(last) + 1n });
    if (invalid > 0) this.logger.warn({ msg: 'skipped malformed view events', invalid, partition: batch.partition });
    resolveOffset(last);
    await commitOffsetsIfNecessary({ topics: [{ topic: batch.topic, partitions: [{ partition: batch.partition, offset: String(BigInt(last) + 1n) }] }] });
    await heartbeat();
  }
}
