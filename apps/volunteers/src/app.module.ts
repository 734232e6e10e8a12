import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import type { VolunteersConfig } from './config';
import { volunteersDataSourceOptions } from './database/data-source';
import { HealthController } from './health/health.controller';
import { NotificationsModule } from './notifications/notifications.module';
import { OutboxRelayService } from './outbox/outbox-relay.service';
import { RedisModule } from './redis/redis.module';
import { StaffModule } from './staff/staff.module';
import { PROCESS_TOKENS, processProviders } from './tokens';
import { VolunteeringModule } from './volunteering.module';

@Global()
@Module({})
export class VolunteersAppModule {
  static forRoot(config: VolunteersConfig, instanceId: string, logger: Logger): DynamicModule {
    return {
      module: VolunteersAppModule,
      imports: [
        TypeOrmModule.forRoot(volunteersDataSourceOptions(config.DATABASE_URL, config.DATABASE_POOL_SIZE)),
        RedisModule,
        StaffModule,
        VolunteeringModule,
        NotificationsModule.forRoot({ consumeEvents: true }),
      ],
      controllers: [HealthController],
      providers: [...processProviders(config, instanceId, logger), OutboxRelayService],
      exports: [...PROCESS_TOKENS, OutboxRelayService],
    };
  }
}
