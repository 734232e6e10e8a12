import { CORRELATION_HEADER, DEADLINE_HEADER, PATTERN_HEADER, replyTopicOf, requestTopicOf, serviceOfPattern } from '@birgemiz/contracts';
import { DomainError, ErrorCode, isWireError } from '@birgemiz/errors';
import { correlationIdFrom, currentCorrelationId } from '@birgemiz/logging';
import { ClientKafka, KafkaHeaders, type KafkaOptions, type ReadPacket, type WritePacket } from '@nestjs/microservices';
import { Kafka, type Message } from 'kafkajs';
import { withCoalescingProducers } from './coalescing-producer';
import type { Logger } from 'pino';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import { consumerConfig, kafkaClientConfig, REQUEST_PRODUCER_CONFIG, SEND_ACKS_ALL, type KafkaSettings } from './kafka-settings';
import { ensureTopics } from './topic-provisioner';
import { replyTopicSpec, requestTopicSpecs, type TopicSpec } from './topic-specs';

export interface RequestOptions {
  /** Milliseconds before the call fails with SERVICE_TIMEOUT; every call has one. */
  timeoutMs: number;
  /** Message key (partitioning); defaults to none (round robin). */
  key?: string;
}

/** Seconds a client is told to wait before retrying after an outage or timeout. */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Kafka request-reply client: Nest's ClientKafka with the platform's wire layout (requests on the service's one
 * request topic with the pattern in a header, replies on this caller's one reply topic), a timeout on every call, the
 * correlation id and the caller's deadline in the message headers, service errors turned back into DomainErrors, and
 * a view of the requests still waiting. Replies are read without committing offsets: a restarted caller has nobody
 * waiting for old replies.
 */
export class RequestReplyClient extends ClientKafka {
  private readonly patterns = new Set<string>();
  private readonly replyTopic: string;
  private admin: Kafka | undefined;

  constructor(
    options: KafkaOptions['options'],
    /** Names this caller's reply topic (replyTopicOf). */
    private readonly caller: string,
  ) {
    super(options ?? {});
    this.replyTopic = replyTopicOf(caller);
    this.responsePatterns = [this.replyTopic];
  }

  /**
   * The one way apps build a request-reply client: every pattern it calls registered, the platform's consumer and
   * producer settings, a reply topic named after the caller (`caller`), and a group of its own (`groupId`; its
   * members share the reply partitions).
   */
  static create(setup: {
    settings: KafkaSettings;
    clientId: string;
    groupId: string;
    caller: string;
    logger: Logger;
    patterns: readonly string[];
  }): RequestReplyClient {
    const client = new RequestReplyClient(
      {
        postfixId: '',
        client: kafkaClientConfig(setup.settings, setup.clientId, setup.logger),
        consumer: consumerConfig(setup.settings, setup.groupId),
        producer: { ...REQUEST_PRODUCER_CONFIG },
        send: { ...SEND_ACKS_ALL },
        subscribe: { fromBeginning: false },
        run: { partitionsConsumedConcurrently: 4, autoCommit: false },
      },
      setup.caller,
    );
    client.admin = new Kafka(kafkaClientConfig(setup.settings, `${setup.clientId}-admin`, setup.logger));
    client.registerPatterns(setup.patterns);
    return client;
  }

  /**
   * Creates the services' request topics and this caller's reply topic (the broker never auto-creates them; plus
   * `extraTopics`), connects, and waits for the reply partitions.
   */
  async start(timeoutMs: number, extraTopics: TopicSpec[] = []): Promise<void> {
    if (this.admin) await ensureTopics(this.admin, [...requestTopicSpecs([...this.patterns]), replyTopicSpec(this.caller), ...extraTopics]);
    await this.connectAndAwaitAssignments(timeoutMs);
  }

  /** Requests sent at the same time share produce requests (see SendCoalescer). */
  override createClient<T = Kafka>(): T {
    return withCoalescingProducers(super.createClient<Kafka>()) as T;
  }

  /** Registers the patterns this client will call (their services' request topics are created at start). */
  registerPatterns(patterns: readonly string[]): void {
    for (const pattern of patterns) {
      serviceOfPattern(pattern); // throws on a malformed pattern
      this.patterns.add(pattern);
    }
  }

  /** Requests whose reply (or timeout) has not come yet. */
  pendingRequests(): number {
    return this.routingMap.size;
  }

  /** True when this instance owns a partition of its reply topic, i.e. replies can reach it. */
  hasAllReplyAssignments(): boolean {
    return this.getConsumerAssignments()[this.replyTopic] !== undefined;
  }

  /** Connects and waits until reply partitions are assigned: before that, send() would throw. */
  async connectAndAwaitAssignments(timeoutMs: number): Promise<void> {
    await this.connect();
    const deadline = Date.now() + timeoutMs;
    while (!this.hasAllReplyAssignments()) {
      if (Date.now() > deadline) throw new Error(`reply topics not assigned within ${timeoutMs} ms`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /**
   * Sends one request: to the service's request topic, the pattern in PATTERN_HEADER, the answer asked for on this
   * caller's reply topic and the partition this instance owns. The callback gets the reply (through Nest's routing
   * map) or the send error.
   */
  protected override publish(partialPacket: ReadPacket, callback: (packet: WritePacket) => unknown): () => void {
    const packet = this.assignPacketId(partialPacket);
    this.routingMap.set(packet.id, callback);
    const cleanup = () => this.routingMap.delete(packet.id);
    const fail = (err: unknown) => {
      cleanup();
      callback({ err });
    };
    try {
      const pattern = this.normalizePattern(partialPacket.pattern);
      if (!this.patterns.has(pattern)) throw new Error(`pattern ${pattern} was not registered with this client`);
      const replyPartition = this.getReplyTopicPartition(this.replyTopic);
      Promise.resolve(this.serializer.serialize(packet.data, { pattern }))
        .then((message: Message & { headers: Record<string, string> }) => {
          message.headers[KafkaHeaders.CORRELATION_ID] = packet.id;
          message.headers[KafkaHeaders.REPLY_TOPIC] = this.replyTopic;
          message.headers[KafkaHeaders.REPLY_PARTITION] = replyPartition;
          message.headers[PATTERN_HEADER] = pattern;
          return this.producer.send({ topic: requestTopicOf(serviceOfPattern(pattern)), messages: [message], ...this.options.send });
        })
        .catch(fail);
      return cleanup;
    } catch (error) {
      fail(error);
      return () => undefined;
    }
  }

  async request<TResult>(pattern: string, payload: unknown, options: RequestOptions): Promise<TResult> {
    const message = {
      key: options.key ?? null,
      value: payload,
      headers: {
        [CORRELATION_HEADER]: correlationIdFrom(currentCorrelationId()),
        [DEADLINE_HEADER]: String(Date.now() + options.timeoutMs),
      },
    };
    try {
      return await firstValueFrom(this.send<TResult>(pattern, message).pipe(timeout({ first: options.timeoutMs })));
    } catch (error) {
      throw toDomainError(error, pattern, options.timeoutMs);
    }
  }
}

export function toDomainError(error: unknown, pattern: string, timeoutMs: number): DomainError {
  if (error instanceof DomainError) return error;
  if (error instanceof TimeoutError) {
    return new DomainError(ErrorCode.ServiceTimeout, `${pattern} did not answer within ${timeoutMs} ms`, {
      retryAfterSeconds: RETRY_AFTER_SECONDS,
      meta: { pattern },
    });
  }
  if (isWireError(error)) return DomainError.fromWire(error);
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  if (/^KafkaJS|InvalidKafkaClientTopic/.test(name) || /not initialized|No consumer|connect/i.test(message)) {
    return new DomainError(ErrorCode.ServiceUnavailable, `${pattern}: ${message}`, {
      retryAfterSeconds: RETRY_AFTER_SECONDS,
      meta: { pattern },
      cause: error,
    });
  }
  return new DomainError(ErrorCode.Internal, `${pattern}: ${message}`, { cause: error });
}
