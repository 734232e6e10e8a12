import { Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { SEARCH_CONFIG, type SearchConfig } from './config';
import { searchDataSourceOptions } from './database/data-source';
import { HealthController } from './health/health.controller';
import { INSTANCE_ID } from './tokens';

@Module({})
export class SearchAppModule {
  static forRoot(config: SearchConfig, instanceId: string): DynamicModule {
    return {
      module: SearchAppModule,
      imports: [TypeOrmModule.forRoot(searchDataSourceOptions(config.DATABASE_URL, config.DATABASE_POOL_SIZE))],
      controllers: [HealthController],
      providers: [
        { provide: SEARCH_CONFIG, useValue: config },
        { provide: INSTANCE_ID, useValue: instanceId },
      ],
    };
  }
}
