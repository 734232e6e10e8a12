import { ServerKafka, type KafkaOptions } from '@nestjs/microservices';
import type { EachMessagePayload } from 'kafkajs';

/**
 * Nest's Kafka server handles the messages of a partition one after the other, so a service answers at most
 * (partitions × 1) requests at a time and every slow database call queues the requests behind it. Request-reply
 * messages are independent, so this server starts each handler without waiting for the previous one, up to
 * `maxInFlight` at once (then it waits: back-pressure on the partition). A request lost in a crash is answered by
 * the caller's timeout, exactly as before; commands that change state are guarded by versions and locks, not by
 * arrival order. On shutdown it lets the handlers in flight finish before disconnecting.
 */
export class ConcurrentKafkaServer extends ServerKafka {
  private inFlight = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    options: Required<KafkaOptions>['options'],
    private readonly maxInFlight = 64,
  ) {
    super(options);
  }

  override getMessageHandler(): (payload: EachMessagePayload) => Promise<void> {
    return async (payload) => {
      while (this.inFlight >= this.maxInFlight) await new Promise<void>((resolve) => this.waiting.push(resolve));
      this.inFlight += 1;
      void this.handleMessage(payload)
        .catch((error: unknown) => this.logger.error({ msg: 'request handler failed', err: error }))
        .finally(() => {
          this.inFlight -= 1;
          this.waiting.shift()?.();
        });
    };
  }

  override async close(): Promise<void> {
    const deadline = Date.now() + 10_000;
    while (this.inFlight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    await super.close();
  }
}
