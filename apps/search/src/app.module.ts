import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { SEARCH_CONFIG, searchEngineKind, type SearchConfig } from './config';
import { searchDataSourceOptions } from './database/data-source';
import { MeilisearchEngine } from './engines/meilisearch/meilisearch.engine';
import { PostgresEntriesRepository } from './engines/postgres/postgres-entries.repository';
import { PostgresSearchEngine } from './engines/postgres/postgres-search.engine';
import { SEARCH_ENGINE } from './engines/search-engine';
import { HealthController } from './health/health.controller';
import { IndexAdminController } from './index-admin/index-admin.controller';
import { IndexAdminService } from './index-admin/index-admin.service';
import { ArticleEventsConsumer, DEFAULT_INDEXER_OPTIONS, type IndexerOptions } from './indexing/article-events.consumer';
import { IndexStateRepository } from './indexing/index-state.repository';
import { IndexWriterService } from './indexing/index-writer.service';
import { NewsExportClient } from './news/news-export.client';
import { SearchController } from './search/search.controller';
import { SearchService } from './search/search.service';
import { INDEXER_OPTIONS, INSTANCE_ID, SEARCH_LOGGER } from './tokens';

/** The engine chosen by configuration: Meilisearch when MEILISEARCH_URL is set, else PostgreSQL. */
export const searchEngineProvider: Provider = {
  provide: SEARCH_ENGINE,
  inject: [SEARCH_CONFIG, PostgresEntriesRepository],
  useFactory: (config: SearchConfig, entries: PostgresEntriesRepository) =>
    searchEngineKind(config) === 'meilisearch' ? MeilisearchEngine.fromConfig(config) : new PostgresSearchEngine(entries),
};

@Module({})
export class SearchAppModule {
  static forRoot(config: SearchConfig, instanceId: string, logger: Logger, indexer: IndexerOptions = DEFAULT_INDEXER_OPTIONS): DynamicModule {
    return {
      module: SearchAppModule,
      imports: [TypeOrmModule.forRoot(searchDataSourceOptions(config.DATABASE_URL, config.DATABASE_POOL_SIZE))],
      controllers: [HealthController, SearchController, IndexAdminController],
      providers: [
        { provide: SEARCH_CONFIG, useValue: config },
        { provide: INSTANCE_ID, useValue: instanceId },
        { provide: SEARCH_LOGGER, useValue: logger },
        { provide: INDEXER_OPTIONS, useValue: indexer },
        PostgresEntriesRepository,
        searchEngineProvider,
        IndexStateRepository,
        IndexWriterService,
        ArticleEventsConsumer,
        NewsExportClient,
        IndexAdminService,
        SearchService,
      ],
    };
  }
}
