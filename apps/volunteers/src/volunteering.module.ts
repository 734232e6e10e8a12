import { Module } from '@nestjs/common';
import { ApplicationsController } from './applications/applications.controller';
import { ApplicationsRepository } from './applications/applications.repository';
import { ApplicationsService } from './applications/applications.service';
import { StatusTokens } from './applications/status-tokens';
import { CampaignsController } from './campaigns/campaigns.controller';
import { CampaignsRepository } from './campaigns/campaigns.repository';
import { CampaignsService } from './campaigns/campaigns.service';
import { SignupPromotions } from './campaigns/signup-promotions';
import { SignupsController } from './campaigns/signups.controller';
import { SignupsRepository } from './campaigns/signups.repository';
import { SignupsService } from './campaigns/signups.service';
import { TransactionRunner } from './database/transaction-runner';
import { NotificationOutboxRepository } from './notifications/notification-outbox.repository';
import { NotificationTriggers } from './notifications/notification-triggers';
import { OutboxEventsRepository } from './outbox/outbox-events.repository';
import { PersonalDataController } from './personal-data/personal-data.controller';
import { PersonalDataService } from './personal-data/personal-data.service';
import { VolunteersController } from './volunteers/volunteers.controller';
import { VolunteersRepository } from './volunteers/volunteers.repository';
import { VolunteersService } from './volunteers/volunteers.service';
import { SubscriptionsRepository } from './subscriptions/subscriptions.repository';

/**
 * Applications, screening, volunteer profiles, campaigns and sign-ups, personal data. Needs VOLUNTEERS_CONFIG and a
 * TypeORM data source from the importing module; the outbox relay (OutboxRelayService) is provided by the app.
 */
@Module({
  controllers: [ApplicationsController, PersonalDataController, VolunteersController, CampaignsController, SignupsController],
  providers: [
    TransactionRunner,
    OutboxEventsRepository,
    NotificationOutboxRepository,
    NotificationTriggers,
    StatusTokens,
    ApplicationsRepository,
    ApplicationsService,
    VolunteersRepository,
    VolunteersService,
    CampaignsRepository,
    CampaignsService,
    SignupsRepository,
    SignupsService,
    SignupPromotions,
    PersonalDataService,
    SubscriptionsRepository,
  ],
  exports: [OutboxEventsRepository, ApplicationsService, CampaignsService, SignupsService, VolunteersService, PersonalDataService],
})
export class VolunteeringModule {}
