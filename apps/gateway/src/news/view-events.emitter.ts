import { ArticleViewed, createCloudEvent, type ContentLocale } from '@birgemiz/contracts';
import { kafkaClientConfig, kafkaSettingsFrom, PRODUCER_CONFIG, SEND_ACKS_ALL } from '@birgemiz/messaging';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { Kafka, type Message, type Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { Logger as PinoLogger } from 'pino';
import { GATEWAY_LOGGER } from '../clients/services-client';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { INSTANCE_ID } from '../tokens';

const FLUSH_MS = 20;
const MAX_BATCH = 1_000;
/** Views kept while Kafka is unreachable; beyond this the oldest are dropped (and counted in the log). */
const MAX_BUFFER = 100_000;

/**
 * Emits one view event per public article read without making the reader wait: events are buffered and sent in
 * batches by an idempotent producer; a failed batch is put back and retried.
 */
@Injectable()
export class ViewEventsEmitter implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ViewEventsEmitter.name);
  private readonly producer: Producer;
  private buffer: Message[] = [];
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private connected = false;
  private dropped = 0;

  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    @Inject(INSTANCE_ID) instanceId: string,
    @Inject(GATEWAY_LOGGER) pino: PinoLogger,
  ) {
    const kafka = new Kafka(kafkaClientConfig(kafkaSettingsFrom(config), `birgemiz-gateway-views-${instanceId}`, pino));
    this.producer = kafka.producer({ ...PRODUCER_CONFIG, retry: { retries: 5 } });
  }

  async onApplicationBootstrap(): Promise<void> {
    this.producer
      .connect()
      .then(() => {
        this.connected = true;
      })
      .catch((error: unknown) => this.logger.error({ msg: 'view producer could not connect; will retry on flush', err: error }));
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearTimeout(this.timer);
    await this.flushing;
    if (this.buffer.length > 0) await this.flush();
    await this.producer.disconnect();
  }

  viewed(articleId: string, locale: ContentLocale): void {
    const event = createCloudEvent({
      type: ArticleViewed.type,
      source: ArticleViewed.source,
      subject: articleId,
      data: { viewId: randomUUID(), articleId, locale, viewedAt: new Date().toISOString() },
    });
    if (this.buffer.length >= MAX_BUFFER) {
      this.buffer.shift();
      this.dropped += 1;
    }
    this.buffer.push({ key: articleId, value: JSON.stringify(event) });
    this.timer ??= setTimeout(() => {
      this.timer = undefined;
      this.flushing = this.flush();
    }, FLUSH_MS);
  }

  private async flush(): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, MAX_BATCH);
      try {
        if (!this.connected) {
          await this.producer.connect();
          this.connected = true;
        }
        await this.producer.send({ topic: ArticleViewed.topic, ...SEND_ACKS_ALL, messages: batch });
      } catch (error) {
        this.buffer.unshift(...batch);
        this.logger.warn({ msg: 'view events not sent; retrying', pending: this.buffer.length, dropped: this.dropped, err: error });
        this.timer ??= setTimeout(() => {
          this.timer = undefined;
          this.flushing = this.flush();
        }, 1_000);
        return;
      }
    }
  }
}
