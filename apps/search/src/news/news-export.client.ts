import { Patterns, type ArticleExportPage } from '@birgemiz/contracts';
import { kafkaSettingsFrom, RequestReplyClient } from '@birgemiz/messaging';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { Logger as PinoLogger } from 'pino';
import { SEARCH_CONFIG, type SearchConfig } from '../config';
import { INSTANCE_ID, SEARCH_LOGGER } from '../tokens';

const EXPORT_TIMEOUT_MS = 30_000;

/**
 * Request-reply client to the news service's export (every article's full state, by pages) for rebuilds and
 * drift checks. Connects lazily on first use and waits for its reply partitions; every call has a timeout.
 */
@Injectable()
export class NewsExportClient implements OnApplicationShutdown {
  private readonly logger = new Logger(NewsExportClient.name);
  private readonly client: RequestReplyClient;
  private connecting: Promise<void> | null = null;

  constructor(@Inject(SEARCH_CONFIG) config: SearchConfig, @Inject(INSTANCE_ID) instanceId: string, @Inject(SEARCH_LOGGER) pino: PinoLogger) {
    this.client = RequestReplyClient.create({
      settings: kafkaSettingsFrom(config),
      clientId: `birgemiz-search-news-${instanceId}`,
      groupId: 'birgemiz-search-news-client',
      caller: 'search',
      logger: pino,
      patterns: [Patterns.news.articlesExport],
    });
  }

  async page(afterId: string | null, limit: number): Promise<ArticleExportPage> {
    await this.connect();
    return this.client.request<ArticleExportPage>(Patterns.news.articlesExport, { afterId, limit }, { timeoutMs: EXPORT_TIMEOUT_MS });
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.connecting) await this.client.close();
  }

  private connect(): Promise<void> {
    if (!this.connecting) {
      this.connecting = (async () => {
        await this.client.start(30_000);
        this.logger.log('connected to the news export');
      })().catch((error) => {
        this.connecting = null;
        throw error;
      });
    }
    return this.connecting;
  }
}
