import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { NEWS_CONFIG, type NewsConfig } from './config';
import { newsDataSourceOptions } from './database/data-source';
import { HealthController } from './health/health.controller';
import { INSTANCE_ID } from './tokens';

@Module({})
export class NewsAppModule {
  static forRoot(config: NewsConfig, instanceId: string): DynamicModule {
    return {
      module: NewsAppModule,
      imports: [TypeOrmModule.forRoot(newsDataSourceOptions(config.DATABASE_URL, config.DATABASE_POOL_SIZE))],
      controllers: [HealthController],
      providers: [
        { provide: NEWS_CONFIG, useValue: config },
        { provide: INSTANCE_ID, useValue: instanceId },
      ],
    };
  }
}
