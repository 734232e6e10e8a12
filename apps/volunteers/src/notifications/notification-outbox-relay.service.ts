import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { VOLUNTEERS_LOGGER } from '../tokens';
import { NotificationOutboxRepository, type ClaimedNotification } from './notification-outbox.repository';
import { NotificationQueuesService } from './notification-queues.service';

export interface NotificationRelayOptions {
  batchSize: number;
  /** Poll interval while nothing is signalled (rows written by another instance, or left by a crashed relay). */
  idleDelayMs: number;
  /** After a commit signals new rows, wait this long so that one batch carries the rows of many requests. */
  lingerMs: number;
  /** Pause after a failure (Redis or the database unavailable). */
  errorDelayMs: number;
}

const DEFAULTS: NotificationRelayOptions = { batchSize: 500, idleDelayMs: 1_000, lingerMs: 20, errorDelayMs: 1_000 };

/**
 * Moves notification outbox rows to the BullMQ e-mail queue (addBulk, deterministic job ids, the delay of reminders
 * kept) and deletes them, in the transaction that claimed them (FOR UPDATE SKIP LOCKED: instances share the work).
 * Started on bootstrap; stopped in beforeApplicationShutdown — after the current batch, before the queues and the
 * database connections close.
 */
@Injectable()
export class NotificationOutboxRelay implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private running = false;
  private loop: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private wake: (() => void) | undefined;
  private signalled = false;
  options: NotificationRelayOptions = { ...DEFAULTS };

  constructor(
    private readonly outbox: NotificationOutboxRepository,
    private readonly queues: NotificationQueuesService,
    @Inject(VOLUNTEERS_LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.start();
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Lets the current batch finish and stops. */
  async stop(): Promise<void> {
    this.running = false;
    this.wakeNow();
    await this.loop;
    this.loop = undefined;
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.stop();
  }

  /** A transaction that wrote notification rows committed: relay them soon (after a short linger). */
  notify(): void {
    this.signalled = true;
    if (this.wake && !this.timer) this.timer = setTimeout(() => this.wakeNow(), this.options.lingerMs);
  }

  /** Relays what is pending now; returns how many rows went to the queue. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const sent = await this.outbox.relayBatch(this.options.batchSize, (rows) => this.enqueue(rows));
      total += sent;
      if (sent < this.options.batchSize) return total;
    }
  }

  /** Resolves when every row written before the call has been relayed (by this or another instance). For tests. */
  async settled(): Promise<void> {
    const lastId = await this.outbox.lastId();
    while ((await this.outbox.pendingUpTo(lastId)) > 0) {
      await this.drain();
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** The enqueue of one claimed batch (public so that tests can simulate a crash around it). */
  enqueue(rows: ClaimedNotification[]): Promise<void> {
    const now = Date.now();
    return this.queues.addEmailJobs(
      rows.map((row) => ({
        ref: row.ref,
        correlationId: row.correlation_id ?? undefined,
        enqueuedAt: new Date(row.created_at).getTime(),
        delayMs: row.due_at ? Math.max(0, new Date(row.due_at).getTime() - now) : 0,
      })),
    );
  }

  private async run(): Promise<void> {
    while (this.running) {
      this.signalled = false;
      try {
        await this.drain();
      } catch (error) {
        this.logger.error({ err: error }, 'notification relay failed; retrying');
        await this.sleep(this.options.errorDelayMs);
        continue;
      }
      // Rows committed while the batch ran: linger briefly so the next batch carries many; else poll slowly.
      await this.sleep(this.signalled ? this.options.lingerMs : this.options.idleDelayMs);
    }
  }

  private wakeNow(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private sleep(ms: number): Promise<void> {
    if (!this.running) return Promise.resolve();
    return new Promise((resolve) => {
      const timeout = setTimeout(() => this.wakeNow(), ms);
      this.wake = () => {
        clearTimeout(timeout);
        resolve();
      };
    });
  }
}
