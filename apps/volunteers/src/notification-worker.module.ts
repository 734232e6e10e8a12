import { Global, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import type { VolunteersConfig } from './config';
import { volunteersDataSourceOptions } from './database/data-source';
import { NotificationsModule } from './notifications/notifications.module';
import { PROCESS_TOKENS, processProviders } from './tokens';
import { VolunteeringModule } from './volunteering.module';

/**
 * The notification worker process (notification-worker.ts): the BullMQ workers of the e-mail, newsletter and webhook
 * queues and the notification outbox relay, with the data they read — no Kafka server, no HTTP. Instances that take
 * requests run with NOTIFICATION_WORKERS=false, so a burst of submissions is not slowed by its own thank-you e-mails
 * (they follow seconds later) and the workers scale on their own.
 */
@Global()
@Module({})
export class NotificationWorkerModule {
  static forRoot(config: VolunteersConfig, instanceId: string, logger: Logger): DynamicModule {
    return {
      module: NotificationWorkerModule,
      imports: [
        TypeOrmModule.forRoot(volunteersDataSourceOptions(config.DATABASE_URL, config.DATABASE_POOL_SIZE)),
        VolunteeringModule,
        NotificationsModule.forRoot({ consumeEvents: false }),
      ],
      providers: processProviders(config, instanceId, logger),
      exports: PROCESS_TOKENS,
    };
  }
}
