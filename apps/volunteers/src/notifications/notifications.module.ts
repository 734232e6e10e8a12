import { Global, Module, type DynamicModule } from '@nestjs/common';
import { StatusTokens } from '../applications/status-tokens';
import { TransactionRunner } from '../database/transaction-runner';
import { SubscriptionTokens } from '../subscriptions/subscription-tokens';
import { SubscriptionsController } from '../subscriptions/subscriptions.controller';
import { SubscriptionsRepository } from '../subscriptions/subscriptions.repository';
import { SubscriptionsService } from '../subscriptions/subscriptions.service';
import { ArticleEventsConsumer } from './article-events.consumer';
import { EmailChannel } from './channels/email.channel';
import { DeliveriesRepository } from './deliveries.repository';
import { EmailComposer } from './email-composer.service';
import { EmailProcessor } from './jobs/email.processor';
import { NewsletterProcessor } from './jobs/newsletter.processor';
import { NotificationWorkersService } from './jobs/notification-workers.service';
import { WebhookProcessor } from './jobs/webhook.processor';
import { NotificationDataRepository } from './notification-data.repository';
import { NotificationMetrics } from './notification-metrics';
import { NotificationOutboxRelay } from './notification-outbox-relay.service';
import { NotificationOutboxRepository } from './notification-outbox.repository';
import { NotificationPlanner } from './notification-planner.service';
import { NotificationQueuesService } from './notification-queues.service';
import { NotificationsAdminService } from './notifications-admin.service';
import { NotificationsController } from './notifications.controller';

export interface NotificationsModuleOptions {
  /** Consume article (and campaign) events from Kafka for newsletters and webhooks; off in tests that feed events. */
  consumeEvents: boolean;
}

/**
 * Notifications and subscriptions: BullMQ queues and workers, the e-mail and webhook channels, templates, the
 * newsletter consumer. Global so that the volunteering module's NotificationTriggers finds NotificationPlanner without
 * importing this module (and works without it). Needs VOLUNTEERS_CONFIG, VOLUNTEERS_LOGGER, INSTANCE_ID and a
 * TypeORM data source from the importing module.
 */
@Global()
@Module({})
export class NotificationsModule {
  static forRoot(options: NotificationsModuleOptions): DynamicModule {
    return {
      module: NotificationsModule,
      controllers: [SubscriptionsController, NotificationsController],
      providers: [
        TransactionRunner,
        StatusTokens,
        SubscriptionTokens,
        SubscriptionsRepository,
        SubscriptionsService,
        NotificationMetrics,
        NotificationQueuesService,
        NotificationDataRepository,
        DeliveriesRepository,
        EmailChannel,
        EmailComposer,
        NotificationPlanner,
        NotificationOutboxRepository,
        NotificationOutboxRelay,
        NotificationsAdminService,
        EmailProcessor,
        NewsletterProcessor,
        WebhookProcessor,
        NotificationWorkersService,
        ...(options.consumeEvents ? [ArticleEventsConsumer] : []),
      ],
      exports: [NotificationPlanner, NotificationQueuesService, NotificationOutboxRelay, SubscriptionsService, NotificationWorkersService],
    };
  }
}
