import { DEADLINE_HEADER, PATTERN_HEADER } from '@birgemiz/contracts';
import { ServerKafka, type KafkaOptions } from '@nestjs/microservices';
import type { Consumer, EachMessagePayload, Kafka } from 'kafkajs';
import { withCoalescingProducers } from './coalescing-producer';

/** How often a request-reply server commits how far it has read (kafkajs would otherwise commit after every message). */
export const REQUEST_OFFSET_COMMIT_INTERVAL_MS = 1_000;

/**
 * Clocks of callers and services may differ a little; a request is dropped only when its deadline passed this long ago.
 */
export const DEADLINE_GRACE_MS = 1_000;

/**
 * Nest's Kafka server tuned for request-reply:
 * - All patterns of a service arrive on its one request topic, the pattern in PATTERN_HEADER (Nest would subscribe a
 *   topic per pattern, and kafkajs spends time on every partition of every fetch).
 * - Nest handles the messages of a partition one after the other, so every slow database call would queue the
 *   requests behind it. Requests are independent, so each handler starts without waiting for the previous one, up to
 *   `maxInFlight` at once (then it waits: back-pressure on the partition). State-changing commands are guarded by
 *   versions, locks and idempotency keys, not by arrival order.
 * - A request whose caller has stopped waiting (its deadline header has passed) is skipped, so a service that falls
 *   behind, or resumes after a crash, spends no work on answers nobody reads.
 * - kafkajs commits offsets after every message when auto-commit is on: a broker round trip per request. The
 *   consumer runs without auto-commit and this server commits what it has dispatched once a second and on shutdown.
 *   After a crash the next owner of a partition resumes at most a second back; the requests it sees again are
 *   answered again (callers ignore replies they no longer wait for) or skipped by their deadline.
 * - Replies sent at the same time share produce requests (withCoalescingProducers).
 * On shutdown it lets the handlers in flight finish, commits, then disconnects.
 */
export class ConcurrentKafkaServer extends ServerKafka {
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];
  private dispatched = new Map<string, { topic: string; partition: number; offset: string }>();
  private commitTimer: NodeJS.Timeout | undefined;
  private expired = 0;

  constructor(
    options: Required<KafkaOptions>['options'],
    /** The service's request topic (requestTopicOf). */
    private readonly requestTopic: string,
    private readonly maxInFlight = 64,
    private readonly now: () => number = Date.now,
  ) {
    super(options);
  }

  override createClient<T = Kafka>(): T {
    return withCoalescingProducers(super.createClient<Kafka>()) as T;
  }

  override async bindEvents(consumer: Consumer): Promise<void> {
    // A new assignment makes the offsets of partitions this member no longer owns uncommittable.
    consumer.on(consumer.events.GROUP_JOIN, () => (this.dispatched = new Map()));
    await consumer.subscribe({ ...this.getOptionsProp(this.options, 'subscribe', {}), topics: [this.requestTopic] });
    await consumer.run({ ...this.getOptionsProp(this.options, 'run', {}), eachMessage: this.getMessageHandler() });
    this.commitTimer = setInterval(() => void this.commitDispatched(), REQUEST_OFFSET_COMMIT_INTERVAL_MS);
    this.commitTimer.unref();
  }

  /** Requests skipped because their caller had already given up (since start). */
  expiredRequests(): number {
    return this.expired;
  }

  override getMessageHandler(): (payload: EachMessagePayload) => Promise<void> {
    return async (payload) => {
      this.markDispatched(payload);
      const headers = payload.message.headers ?? {};
      if (isExpired(headers[DEADLINE_HEADER], this.now())) {
        this.expired += 1;
        return;
      }
      const pattern = firstHeader(headers[PATTERN_HEADER]);
      if (!pattern) {
        this.logger.warn({ msg: 'request without a pattern header skipped', topic: payload.topic, offset: payload.message.offset });
        return;
      }
      while (this.inFlight >= this.maxInFlight) await new Promise<void>((resolve) => this.waiting.push(resolve));
      this.inFlight += 1;
      // Nest routes by the topic a message came from: hand it the pattern instead.
      void this.handleMessage({ ...payload, topic: pattern })
        .catch((error: unknown) => this.logger.error({ msg: 'request handler failed', err: error }))
        .finally(() => {
          this.inFlight -= 1;
          this.waiting.shift()?.();
        });
    };
  }

  override async close(): Promise<void> {
    clearInterval(this.commitTimer);
    const deadline = Date.now() + 10_000;
    while (this.inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await this.commitDispatched();
    await super.close();
  }

  private markDispatched({ topic, partition, message }: EachMessagePayload): void {
    this.dispatched.set(`${topic}:${partition}`, { topic, partition, offset: (BigInt(message.offset) + 1n).toString() });
  }

  private async commitDispatched(): Promise<void> {
    if (this.dispatched.size === 0 || !this.consumer) return;
    const offsets = [...this.dispatched.values()];
    this.dispatched = new Map();
    try {
      await this.consumer.commitOffsets(offsets);
    } catch (error) {
      // A rebalance is under way or the broker is away: the next owner resumes from the last commit that landed.
      this.logger.warn({ msg: 'request offsets not committed', err: error });
    }
  }
}

type HeaderValue = Buffer | string | (Buffer | string)[] | undefined;

function firstHeader(header: HeaderValue): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value === undefined ? undefined : value.toString();
}

function isExpired(header: HeaderValue, now: number): boolean {
  const value = firstHeader(header);
  if (value === undefined) return false;
  const deadline = Number(value);
  return Number.isFinite(deadline) && now > deadline + DEADLINE_GRACE_MS;
}
