import { ArticleDeleted, ArticlePublished, ArticleUnpublished, ArticleUpdated, Topics } from '@birgemiz/contracts';
import { KafkaEventConsumer, kafkaClientConfig, kafkaSettingsFrom } from '@birgemiz/messaging';
import { Inject, Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { Kafka } from 'kafkajs';
import type { Logger as PinoLogger } from 'pino';
import { GATEWAY_LOGGER } from '../clients/services-client';
import { GATEWAY_CONFIG, type GatewayConfig } from '../config';
import { INSTANCE_ID } from '../tokens';
import { ReadCacheService } from './read-cache.service';

/**
 * Drops cached news reads when an article changes. Each gateway instance has a group of its own, so every instance
 * sees every event; a new group starts at the end of the topic (older events concern entries already expired or
 * invalidated).
 */
@Injectable()
export class CacheInvalidationConsumer implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly consumer: KafkaEventConsumer;
  private stopped = false;

  constructor(
    private readonly cache: ReadCacheService,
    @Inject(GATEWAY_CONFIG) config: GatewayConfig,
    @Inject(INSTANCE_ID) instanceId: string,
    @Inject(GATEWAY_LOGGER) logger: PinoLogger,
  ) {
    const settings = kafkaSettingsFrom(config);
    this.consumer = new KafkaEventConsumer(new Kafka(kafkaClientConfig(settings, `birgemiz-gateway-cache-${instanceId}`, logger)), {
      groupId: `birgemiz-gateway-cache-${instanceId}`,
      settings,
      logger: logger.child({ component: 'cache-invalidation' }),
      fromBeginning: false,
      handlers: [
        {
          topic: Topics.NewsArticleV1,
          events: [ArticlePublished, ArticleUpdated, ArticleUnpublished, ArticleDeleted],
          handle: () => this.cache.invalidate('news'),
        },
      ],
    });
  }

  async onApplicationBootstrap(): Promise<void> {
    // The cache serves entries only while this consumer is a member of its group; on every (re)join everything
    // cached before is dropped, since events may have passed while nobody listened.
    this.consumer.onMembershipChange(
      () => void this.cache.invalidate('news').then(() => this.cache.enable('news')).catch(() => this.cache.disable('news')),
      () => this.cache.disable('news'),
    );
    // Not awaited: the gateway answers (from the services, uncached) while the group is joining or Kafka is away.
    void this.startWithRetries();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    await this.consumer.stop();
  }

  private async startWithRetries(): Promise<void> {
    while (!this.stopped) {
      try {
        await this.consumer.start();
        return;
      } catch {
        await new Promise((r) => setTimeout(r, 2_000));
      }
    }
  }
}
