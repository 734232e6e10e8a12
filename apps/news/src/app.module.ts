import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { ArticlesController } from './articles/articles.controller';
import { ArticlesRepository } from './articles/articles.repository';
import { ArticlesService } from './articles/articles.service';
import { PublicArticlesService } from './articles/public-articles.service';
import { SchedulerService } from './articles/scheduler.service';
import { CommentsController } from './comments/comments.controller';
import { CommentsRepository } from './comments/comments.repository';
import { CommentsService } from './comments/comments.service';
import { NEWS_CONFIG, type NewsConfig } from './config';
import { newsDataSourceOptions } from './database/data-source';
import { HealthController } from './health/health.controller';
import { OutboxModule } from './outbox/outbox.module';
import { INSTANCE_ID, NEWS_LOGGER } from './tokens';
import { ArticleViewsConsumer } from './views/article-views.consumer';
import { ViewCountsRepository } from './views/view-counts.repository';

@Global()
@Module({})
export class NewsAppModule {
  static forRoot(config: NewsConfig, instanceId: string, logger: Logger): DynamicModule {
    return {
      module: NewsAppModule,
      imports: [TypeOrmModule.forRoot(newsDataSourceOptions(config.DATABASE_URL, config.DATABASE_POOL_SIZE)), OutboxModule],
      controllers: [HealthController, ArticlesController, CommentsController],
      providers: [
        { provide: NEWS_CONFIG, useValue: config },
        { provide: INSTANCE_ID, useValue: instanceId },
        { provide: NEWS_LOGGER, useValue: logger },
        ArticlesRepository,
        ArticlesService,
        PublicArticlesService,
        SchedulerService,
        CommentsRepository,
        CommentsService,
        ViewCountsRepository,
        ArticleViewsConsumer,
      ],
      exports: [NEWS_CONFIG, INSTANCE_ID, NEWS_LOGGER],
    };
  }
}
