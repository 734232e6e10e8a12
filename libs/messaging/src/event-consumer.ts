import {
  CORRELATION_HEADER,
  cloudEventEnvelopeSchema,
  DeadLetterHeaders,
  deadLetterTopicOf,
  type CloudEvent,
  type EventDefinition,
} from '@birgemiz/contracts';
import { correlationIdFrom, runWithCorrelationId } from '@birgemiz/logging';
import type { Consumer, EachMessagePayload, IHeaders, Kafka, Producer } from 'kafkajs';
import type { Logger } from 'pino';
import { consumerConfig, PRODUCER_CONFIG, SEND_ACKS_ALL, type KafkaSettings } from './kafka-settings';

/** Where a consumed event came from. */
export interface EventContext {
  topic: string;
  partition: number;
  offset: string;
  key: string | null;
  correlationId: string;
  attempt: number;
}

/** Handles the events of the given definitions on one topic. */
export interface EventHandler {
  topic: string;
  /** Event types this handler understands; other types on the topic are skipped (forward compatible). */
  events: readonly EventDefinition[];
  handle(event: CloudEvent, context: EventContext): Promise<void>;
}

/** Throw this from a handler when retrying cannot help: the event goes to the dead-letter topic at once. */
export class PermanentEventError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'PermanentEventError';
  }
}

export type DeadLetterReason = 'invalid-json' | 'invalid-envelope' | 'invalid-payload' | 'handler-failed' | 'permanent-error';

export interface EventConsumerOptions {
  groupId: string;
  handlers: EventHandler[];
  settings: KafkaSettings;
  logger: Logger;
  /** Attempts per event before it is dead-lettered. */
  maxAttempts?: number;
  /** First retry delay; doubles each attempt, capped at 5 s. */
  retryBackoffMs?: number;
  /** A new group starts at the beginning of its topics (default) so no event produced earlier is skipped. */
  fromBeginning?: boolean;
  partitionsConsumedConcurrently?: number;
}

const MAX_BACKOFF_MS = 5_000;

/**
 * A Kafka consumer group that validates every event (CloudEvents envelope and payload schema), calls its handler
 * with bounded retries, and dead-letters what cannot be processed to `<topic>.dlt` with headers saying why and
 * where it came from. The partition keeps flowing; a handler error is never thrown back at kafkajs.
 * Only a failure to write the dead letter itself (Kafka unavailable) is rethrown, so the event is not lost.
 */
export class KafkaEventConsumer {
  private readonly consumer: Consumer;
  private readonly producer: Producer;
  private readonly handlers = new Map<string, EventHandler>();
  private readonly maxAttempts: number;
  private readonly retryBackoffMs: number;
  private running = false;
  private stopping = false;

  constructor(
    kafka: Kafka,
    private readonly options: EventConsumerOptions,
  ) {
    for (const handler of options.handlers) {
      if (this.handlers.has(handler.topic)) throw new Error(`two handlers for topic ${handler.topic} in group ${options.groupId}`);
      this.handlers.set(handler.topic, handler);
    }
    this.maxAttempts = options.maxAttempts ?? 5;
    this.retryBackoffMs = options.retryBackoffMs ?? 200;
    this.consumer = kafka.consumer(consumerConfig(options.settings, options.groupId));
    this.producer = kafka.producer(PRODUCER_CONFIG);
  }

  get groupId(): string {
    return this.options.groupId;
  }

  async start(): Promise<void> {
    await this.producer.connect();
    await this.consumer.connect();
    await this.consumer.subscribe({ topics: [...this.handlers.keys()], fromBeginning: this.options.fromBeginning ?? true });
    await this.consumer.run({
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 1,
      eachMessage: (payload) => this.onMessage(payload),
    });
    this.running = true;
  }

  /** Leaves the group (so partitions move at once) and closes the connections. */
  async stop(): Promise<void> {
    if (!this.running) return;
    this.stopping = true;
    this.running = false;
    await this.consumer.disconnect();
    await this.producer.disconnect();
  }

  /** Calls `listener` each time this member (re)joins its group, and `onLoss` when the consumer crashes or stops. */
  onMembershipChange(listener: () => void, onLoss: () => void): void {
    this.consumer.on(this.consumer.events.GROUP_JOIN, listener);
    this.consumer.on(this.consumer.events.CRASH, onLoss);
    this.consumer.on(this.consumer.events.STOP, onLoss);
    this.consumer.on(this.consumer.events.DISCONNECT, onLoss);
  }

  /** Resolves once this member holds partitions (or the timeout passes); useful before producing in tests. */
  async waitForAssignment(timeoutMs = 30_000): Promise<void> {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        remove();
        reject(new Error(`group ${this.options.groupId} got no partitions within ${timeoutMs} ms`));
      }, timeoutMs);
      const remove = this.consumer.on(this.consumer.events.GROUP_JOIN, () => {
        clearTimeout(timer);
        remove();
        resolve();
      });
    });
  }

  private async onMessage({ topic, partition, message, heartbeat }: EachMessagePayload): Promise<void> {
    const correlationId = correlationIdFrom(headerValue(message.headers, CORRELATION_HEADER));
    const key = message.key ? message.key.toString('utf8') : null;
    const origin = { topic, partition, offset: message.offset };
    const log = this.options.logger.child({ ...origin, groupId: this.options.groupId, correlationId });
    const handler = this.handlers.get(topic);
    if (!handler) return;

    let raw: unknown;
    try {
      raw = JSON.parse(message.value?.toString('utf8') ?? '');
    } catch (error) {
      return this.deadLetter(origin, message, 'invalid-json', error, 0, log);
    }
    const envelope = cloudEventEnvelopeSchema.safeParse(raw);
    if (!envelope.success) {
      return this.deadLetter(origin, message, 'invalid-envelope', envelope.error, 0, log);
    }
    const definition = handler.events.find((d) => d.type === envelope.data.type);
    if (!definition) {
      log.debug({ type: envelope.data.type }, 'skipping event type this consumer does not handle');
      return;
    }
    const payload = definition.payload.safeParse(envelope.data.data);
    if (!payload.success) {
      return this.deadLetter(origin, message, 'invalid-payload', payload.error, 0, log);
    }
    const event = { ...envelope.data, data: payload.data } as CloudEvent;

    for (let attempt = 1; ; attempt++) {
      try {
        await runWithCorrelationId(correlationId, () =>
          handler.handle(event, { ...origin, key, correlationId, attempt }),
        );
        return;
      } catch (error) {
        if (error instanceof PermanentEventError) {
          return this.deadLetter(origin, message, 'permanent-error', error, attempt, log);
        }
        if (attempt >= this.maxAttempts || this.stopping) {
          if (this.stopping && attempt < this.maxAttempts) {
            // Shutting down: leave the offset uncommitted so another member (or the next start) retries it.
            throw error;
          }
          return this.deadLetter(origin, message, 'handler-failed', error, attempt, log);
        }
        const delay = Math.min(this.retryBackoffMs * 2 ** (attempt - 1), MAX_BACKOFF_MS);
        log.warn({ err: error, attempt, delay, type: event.type }, 'event handler failed; retrying');
        await sleep(delay);
        await heartbeat();
      }
    }
  }

  private async deadLetter(
    origin: { topic: string; partition: number; offset: string },
    message: EachMessagePayload['message'],
    reason: DeadLetterReason,
    error: unknown,
    attempts: number,
    log: Logger,
  ): Promise<void> {
    const detail = describe(error);
    const headers: IHeaders = {
      ...(message.headers ?? {}),
      [DeadLetterHeaders.Reason]: reason,
      [DeadLetterHeaders.Error]: detail.slice(0, 2_000),
      [DeadLetterHeaders.OriginalTopic]: origin.topic,
      [DeadLetterHeaders.OriginalPartition]: String(origin.partition),
      [DeadLetterHeaders.OriginalOffset]: origin.offset,
      [DeadLetterHeaders.ConsumerGroup]: this.options.groupId,
      [DeadLetterHeaders.Attempts]: String(attempts),
      [DeadLetterHeaders.FailedAt]: new Date().toISOString(),
    };
    await this.producer.send({
      topic: deadLetterTopicOf(origin.topic),
      ...SEND_ACKS_ALL,
      messages: [{ key: message.key, value: message.value, headers }],
    });
    log.error({ reason, attempts, error: detail.slice(0, 500) }, 'event dead-lettered');
  }
}

function headerValue(headers: IHeaders | undefined, name: string): string | undefined {
  const value = headers?.[name];
  if (value === undefined) return undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'issues' in error && Array.isArray((error as { issues: unknown[] }).issues)) {
    return JSON.stringify((error as { issues: unknown[] }).issues);
  }
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
