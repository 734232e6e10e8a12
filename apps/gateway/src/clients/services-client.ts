import { allPatterns, Topics, type MessagePatternName } from '@birgemiz/contracts';
import {
  consumerConfig,
  ensureTopics,
  eventTopicSpecs,
  kafkaClientConfig,
  kafkaSettingsFrom,
  REQUEST_PRODUCER_CONFIG,
  RequestReplyClient,
  requestReplyTopicSpecs,
  SEND_ACKS_ALL,
} from '@birgemiz/messaging';
import { Kafka } from 'kafkajs';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Logger as PinoLogger } from 'pino';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { INSTANCE_ID } from '../tokens';

export const GATEWAY_LOGGER = Symbol('GATEWAY_LOGGER');

/**
 * The gateway's one Kafka request-reply client for all services. Connects at start and waits for its reply
 * partitions; if Kafka is not there yet it keeps trying in the background and readiness stays false.
 */
@Injectable()
export class ServicesClient implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(ServicesClient.name);
  private readonly client: RequestReplyClient;
  private connected = false;
  private closing = false;
  private readonly admin: Kafka;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(INSTANCE_ID) instanceId: string,
    @Inject(GATEWAY_LOGGER) pino: PinoLogger,
  ) {
    const settings = kafkaSettingsFrom(config);
    this.admin = new Kafka(kafkaClientConfig(settings, `birgemiz-gateway-admin-${instanceId}`, pino));
    this.client = new RequestReplyClient({
      postfixId: '',
      client: kafkaClientConfig(settings, `birgemiz-gateway-${instanceId}`, pino),
      consumer: consumerConfig(settings, 'birgemiz-gateway'),
      producer: { ...REQUEST_PRODUCER_CONFIG },
      send: { ...SEND_ACKS_ALL },
      run: { partitionsConsumedConcurrently: 4 },
    });
    this.client.registerPatterns(allPatterns());
  }

  async onModuleInit(): Promise<void> {
    try {
      await this.connect();
    } catch (error) {
      this.logger.error({ msg: 'Kafka not reachable at start; retrying in the background', err: error });
      void this.reconnectLoop();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.closing = true;
    await this.client.close();
  }

  get ready(): boolean {
    return this.connected && this.client.hasAllReplyAssignments();
  }

  pendingRequests(): number {
    return this.client.pendingRequests();
  }

  /** One request-reply call with the configured timeout (or a shorter one). */
  request<T>(pattern: MessagePatternName, payload: unknown, timeoutMs = this.config.REQUEST_TIMEOUT_MS): Promise<T> {
    return this.client.request<T>(pattern, payload, { timeoutMs });
  }

  private async connect(): Promise<void> {
    // The broker never auto-creates topics: the reply topics (and the view topic) must exist before subscribing.
    await ensureTopics(this.admin, [...requestReplyTopicSpecs(allPatterns()), ...eventTopicSpecs([Topics.NewsArticleViewV1])]);
    await this.client.connectAndAwaitAssignments(30_000);
    this.connected = true;
    this.logger.log('connected to Kafka; reply partitions assigned');
  }

  private async reconnectLoop(): Promise<void> {
    while (!this.connected && !this.closing) {
      await new Promise((r) => setTimeout(r, 2_000));
      try {
        await this.client.close();
        await this.connect();
      } catch (error) {
        this.logger.warn({ msg: 'still no Kafka connection', err: error });
      }
    }
  }
}
