import { ArticleViewed, createCloudEvent, type ContentLocale } from '@birgemiz/contracts';
import { kafkaClientConfig, kafkaSettingsFrom, PRODUCER_CONFIG, SEND_ACKS_ALL } from '@birgemiz/messaging';
import { Inject, Injectable, Logger, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { Kafka, type Message, type Producer } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import type { Logger as PinoLogger } from 'pino';
import { GATEWAY_LOGGER } from '../clients/services-client';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { INSTANCE_ID } from '../tokens';

/** Sends start at most this often; an idle gateway sends a view at once (a crash loses at most this window). */
const MIN_SEND_INTERVAL_MS = 20;
const MAX_BATCH = 1_000;
/** Distinct (article, locale) pairs kept while Kafka is unreachable; views of further pairs are dropped (and logged). */
const MAX_PENDING_PAIRS = 100_000;

export type ViewProducer = Pick<Producer, 'connect' | 'send' | 'disconnect'>;

/**
 * Emits the views of public article reads without making the reader wait. A view of an idle gateway is sent at once;
 * views that arrive while a send is on the wire (or within MIN_SEND_INTERVAL_MS of the last one) are summed per
 * article and locale and leave together as one event per pair with its count (a popular article read 3,000 times a
 * second costs at most 50 small events a second, not 3,000), by an idempotent producer; a failed send puts its counts
 * back and is retried a second later. What a SIGKILL can lose is what has not been sent yet: the views of the last few
 * milliseconds.
 */
@Injectable()
export class ViewEventsEmitter implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ViewEventsEmitter.name);
  private readonly producer: ViewProducer;
  /** Views not yet sent, by `articleId locale`. */
  private pending = new Map<string, number>();
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> | undefined;
  private lastSendAt = 0;
  private closing = false;
  private connected = false;
  private dropped = 0;

  constructor(
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    @Inject(INSTANCE_ID) instanceId: string,
    @Inject(GATEWAY_LOGGER) pino: PinoLogger,
  ) {
    this.producer = this.createProducer(config, instanceId, pino);
  }

  /** The Kafka producer the views leave by (unit tests put a fake in its place). */
  protected createProducer(config: GatewayConfig, instanceId: string, pino: PinoLogger): ViewProducer {
    const kafka = new Kafka(kafkaClientConfig(kafkaSettingsFrom(config), `birgemiz-gateway-views-${instanceId}`, pino));
    return kafka.producer({ ...PRODUCER_CONFIG, retry: { retries: 5 } });
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
    this.closing = true;
    clearTimeout(this.timer);
    await this.flushing;
    if (this.pending.size > 0) await this.flush();
    await this.producer.disconnect();
  }

  viewed(articleId: string, locale: ContentLocale): void {
    this.add(`${articleId} ${locale}`, 1);
    this.schedule();
  }

  /** Plans the next send: at once when idle, else after the one in flight and the minimum interval. */
  private schedule(delayMs = Math.max(0, this.lastSendAt + MIN_SEND_INTERVAL_MS - Date.now())): void {
    if (this.timer !== undefined || this.flushing !== undefined || this.closing) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flushing = this.flush().finally(() => {
        this.flushing = undefined;
        if (this.pending.size > 0) this.schedule();
      });
    }, delayMs);
  }

  /** Views counted but not yet handed to Kafka (for tests and shutdown logs). */
  pendingViews(): number {
    let total = 0;
    for (const count of this.pending.values()) total += count;
    return total;
  }

  private add(pair: string, count: number): void {
    const current = this.pending.get(pair);
    if (current === undefined && this.pending.size >= MAX_PENDING_PAIRS) {
      this.dropped += count;
      return;
    }
    this.pending.set(pair, (current ?? 0) + count);
  }

  /** Sends what is pending now, in events of at most MAX_BATCH pairs; views added meanwhile wait for the next send. */
  private async flush(): Promise<void> {
    this.lastSendAt = Date.now();
    const taken = [...this.pending];
    this.pending = new Map();
    for (let start = 0; start < taken.length; start += MAX_BATCH) {
      const pairs = taken.slice(start, start + MAX_BATCH);
      const viewedAt = new Date().toISOString();
      const messages: Message[] = pairs.map(([pair, count]) => {
        const [articleId, locale] = pair.split(' ') as [string, ContentLocale];
        const event = createCloudEvent({
          type: ArticleViewed.type,
          source: ArticleViewed.source,
          subject: articleId,
          data: { viewId: randomUUID(), articleId, locale, viewedAt, count },
        });
        return { key: articleId, value: JSON.stringify(event) };
      });
      try {
        if (!this.connected) {
          await this.producer.connect();
          this.connected = true;
        }
        await this.producer.send({ topic: ArticleViewed.topic, ...SEND_ACKS_ALL, messages });
      } catch (error) {
        for (const [pair, count] of taken.slice(start)) this.add(pair, count);
        this.logger.warn({ msg: 'view events not sent; retrying', pendingViews: this.pendingViews(), dropped: this.dropped, err: error });
        this.lastSendAt = Date.now() + 1_000 - MIN_SEND_INTERVAL_MS; // the retry waits a second
        return;
      }
    }
  }
}
