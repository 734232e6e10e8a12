import type { OutboxRepository } from '@birgemiz/database';
import type { Kafka, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { PRODUCER_CONFIG, SEND_ACKS_ALL } from './kafka-settings';

export interface OutboxRelayOptions {
  batchSize?: number;
  /** Pause between polls when the outbox is empty. */
  idleDelayMs?: number;
  /**
   * Pause after a run that published some rows, ignoring notify(): under load, rows written meanwhile leave together
   * instead of one claim-publish-commit cycle per transaction. Idle, the first row still leaves at once.
   */
  gatherDelayMs?: number;
  /** Pause after a failed publish (Kafka or the database unavailable). */
  errorDelayMs?: number;
  /** Published rows are deleted after this many seconds. */
  retentionSeconds?: number;
}

/**
 * Publishes outbox rows to Kafka (idempotent producer, acks all, key = aggregate id) and marks them sent, in the
 * transaction that claimed them. At least once: if the process dies after Kafka took a batch but before the commit,
 * the rows are published again on the next run; consumers de-duplicate by event id and aggregate version.
 */
export class OutboxRelay {
  private readonly producer: Producer;
  private running = false;
  private loop: Promise<void> | undefined;
  private wake: (() => void) | undefined;
  private readonly batchSize: number;
  private readonly idleDelayMs: number;
  private readonly errorDelayMs: number;
  private readonly gatherDelayMs: number;
  private readonly retentionSeconds: number;
  private lastPurge = 0;

  constructor(
    kafka: Kafka,
    private readonly outbox: OutboxRepository,
    private readonly logger: Logger,
    options: OutboxRelayOptions = {},
  ) {
    this.producer = kafka.producer(PRODUCER_CONFIG);
    this.batchSize = options.batchSize ?? 200;
    this.idleDelayMs = options.idleDelayMs ?? 50;
    this.errorDelayMs = options.errorDelayMs ?? 1_000;
    this.gatherDelayMs = options.gatherDelayMs ?? 10;
    this.retentionSeconds = options.retentionSeconds ?? 7 * 86_400;
  }

  async start(): Promise<void> {
    await this.producer.connect();
    this.running = true;
    this.loop = this.run();
  }

  /** Lets the current batch finish, then disconnects. */
  async stop(): Promise<void> {
    this.running = false;
    this.wake?.();
    await this.loop;
    await this.producer.disconnect();
  }

  /** Skips the idle wait: call after committing a transaction that wrote to the outbox. */
  notify(): void {
    this.wake?.();
  }

  /** Publishes everything pending now; returns how many rows went out. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await this.outbox.relayBatch(this.batchSize, (rows) => this.publish(rows));
      total += sent;
      if (sent < this.batchSize) return total;
    }
  }

  private async publish(rows: Parameters<Parameters<OutboxRepository['relayBatch']>[1]>[0]): Promise<void> {
    const byTopic = new Map<string, typeof rows>();
    for (const row of rows) byTopic.set(row.topic, [...(byTopic.get(row.topic) ?? []), row]);
    await this.producer.sendBatch({
      ...SEND_ACKS_ALL,
      topicMessages: [...byTopic.entries()].map(([topic, topicRows]) => ({
        topic,
        messages: topicRows.map((r) => ({ key: r.key, value: JSON.stringify(r.event), headers: r.headers })),
      })),
    });
  }

  private async run(): Promise<void> {
    while (this.running) {
      let sent = 0;
      try {
        sent = await this.drain();
        if (Date.now() - this.lastPurge > 3_600_000) {
          this.lastPurge = Date.now();
          await this.outbox.purgePublished(this.retentionSeconds);
        }
      } catch (error) {
        this.logger.error({ err: error }, 'outbox relay failed; retrying');
        await this.sleep(this.errorDelayMs);
        continue;
      }
      if (sent === 0) await this.sleep(this.idleDelayMs);
      else if (sent < this.batchSize) await this.sleep(this.gatherDelayMs, false);
    }
  }

  /** Waits `ms`; notify() cuts a wakeable wait short, stop() any wait. */
  private sleep(ms: number, wakeable = true): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const running = () => this.running;
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = wakeable ? done : () => (running() ? undefined : done());
    });
  }
}
