import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { VOLUNTEERS_CONFIG, type VolunteersConfig } from './config';
import { volunteersDataSourceOptions } from './database/data-source';
import { HealthController } from './health/health.controller';
import { RedisModule } from './redis/redis.module';
import { StaffModule } from './staff/staff.module';
import { INSTANCE_ID } from './tokens';

@Global()
@Module({})
export class VolunteersAppModule {
  static forRoot(config: VolunteersConfig, instanceId: string): DynamicModule {
    return {
      module: VolunteersAppModule,
      imports: [
        TypeOrmModule.forRoot(volunteersDataSourceOptions(config.DATABASE_URL, config.DATABASE_POOL_SIZE)),
        RedisModule,
        StaffModule,
      ],
      controllers: [HealthController],
      providers: [
        { provide: VOLUNTEERS_CONFIG, useValue: config },
        { provide: INSTANCE_ID, useValue: instanceId },
      ],
      exports: [VOLUNTEERS_CONFIG, INSTANCE_ID],
    };
  }
}
