import { postgresOptions } from '@birgemiz/database';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { RefreshTokenEntity } from '../staff/entities/refresh-token.entity';
import { StaffAccountEntity } from '../staff/entities/staff-account.entity';
import { CreateVolunteersSchema1764000000000 } from './migrations/1764000000000-create-volunteers-schema';
import { CreateApplicationsVolunteersCampaigns1764200000000 } from './migrations/1764200000000-create-applications-volunteers-campaigns';
import { CreateNotificationsSubscriptions1764300000000 } from './migrations/1764300000000-create-notifications-subscriptions';
import { CreateNotificationOutbox1764400000000 } from './migrations/1764400000000-create-notification-outbox';
import { CreateWebhookAttempts1764500000000 } from './migrations/1764500000000-create-webhook-attempts';
import { CreateSubmitApplicationFunction1764600000000 } from './migrations/1764600000000-create-submit-application-function';

export const VOLUNTEERS_SCHEMA = 'volunteers';

/** The volunteers service's data source, used by Nest and by the migration CLI alike. */
export function volunteersDataSourceOptions(url: string, poolSize?: number): DataSourceOptions {
  return postgresOptions({
    url,
    schema: VOLUNTEERS_SCHEMA,
    applicationName: 'birgemiz-volunteers',
    poolSize,
    entities: [StaffAccountEntity, RefreshTokenEntity],
    migrations: [
      CreateVolunteersSchema1764000000000,
      CreateApplicationsVolunteersCampaigns1764200000000,
      CreateNotificationsSubscriptions1764300000000,
      CreateNotificationOutbox1764400000000,
      CreateWebhookAttempts1764500000000,
      CreateSubmitApplicationFunction1764600000000,
    ],
  });
}

export const volunteersDataSource = new DataSource(
  volunteersDataSourceOptions(process.env.DATABASE_URL ?? 'postgres://birgemiz:birgemiz@127.0.0.1:5432/birgemiz'),
);
