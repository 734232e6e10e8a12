import { allPatterns, Topics, type MessagePatternName } from '@birgemiz/contracts';
import { eventTopicSpecs, kafkaSettingsFrom, RequestReplyClient } from '@birgemiz/messaging';
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

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(INSTANCE_ID) instanceId: string,
    @Inject(GATEWAY_LOGGER) pino: PinoLogger,
  ) {
    this.client = RequestReplyClient.create({
      settings: kafkaSettingsFrom(config),
      clientId: `birgemiz-gateway-${instanceId}`,
      groupId: 'birgemiz-gateway',
      caller: 'gateway',
      logger: pino,
      patterns: allPatterns(),
    });
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
    // The view topic is the gateway's to produce to; it must exist too.
    await this.client.start(30_000, eventTopicSpecs([Topics.NewsArticleViewV1]));
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
