import { OutboxRepository } from '@birgemiz/database';
import { kafkaClientConfig, kafkaSettingsFrom, OutboxRelay } from '@birgemiz/messaging';
import { Global, Inject, Injectable, Module, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { NEWS_CONFIG, type NewsConfig } from '../config';
import { INSTANCE_ID, NEWS_LOGGER } from '../tokens';

export const NEWS_OUTBOX = Symbol('NEWS_OUTBOX');

/** Runs the outbox relay of the news schema for the life of the app. */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly relay: OutboxRelay;

  constructor(
    @Inject(NEWS_OUTBOX) outbox: OutboxRepository,
    @Inject(NEWS_CONFIG) config: NewsConfig,
    @Inject(INSTANCE_ID) instanceId: string,
    @Inject(NEWS_LOGGER) logger: Logger,
  ) {
    const kafka = new Kafka(kafkaClientConfig(kafkaSettingsFrom(config), `birgemiz-news-outbox-${instanceId}`, logger));
    this.relay = new OutboxRelay(kafka, outbox, logger.child({ component: 'outbox-relay' }));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.relay.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.relay.stop();
  }

  /** Call after a transaction that wrote events commits: publishes without waiting for the next poll. */
  notify(): void {
    this.relay.notify();
  }
}

@Global()
@Module({
  providers: [
    { provide: NEWS_OUTBOX, inject: [getDataSourceToken()], useFactory: (dataSource: DataSource) => new OutboxRepository(dataSource, 'news') },
    OutboxRelayService,
  ],
  exports: [NEWS_OUTBOX, OutboxRelayService],
})
export class OutboxModule {}
