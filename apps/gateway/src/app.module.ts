import { Global, Module, type DynamicModule } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import type { Logger } from 'pino';
import { AsyncApiController } from './asyncapi/asyncapi.controller';
import { AuthController } from './auth/auth.controller';
import { CacheInvalidationConsumer } from './cache/cache-invalidation.consumer';
import { ReadCacheService } from './cache/read-cache.service';
import { StaffAuthGuard } from './auth/staff-auth.guard';
import { StaffTokenVerifier } from './auth/staff-token.verifier';
import { GATEWAY_LOGGER, ServicesClient } from './clients/services-client';
import { GATEWAY_CONFIG, type GatewayConfig } from './config';
import { HealthController } from './health/health.controller';
import { HealthService } from './health/health.service';
import { MetricsController } from './metrics/metrics.controller';
import { NewsStaffController } from './news/news-staff.controller';
import { NotificationsStaffController } from './notifications/notifications-staff.controller';
import { OneClickBodyParser } from './notifications/one-click-body.parser';
import { SubscriptionsController } from './notifications/subscriptions.controller';
import { NewsController } from './news/news.controller';
import { ViewEventsEmitter } from './news/view-events.emitter';
import { CachedReadsFastPath } from './news/cached-reads.fast-path';
import { QueueDashboardSessionController } from './queue-dashboard/queue-dashboard-session.controller';
import { QueueDashboardService } from './queue-dashboard/queue-dashboard.service';
import { RateLimiterService } from './rate-limit/rate-limiter.service';
import { RedisModule } from './redis/redis.module';
import { SearchStaffController } from './search/search-staff.controller';
import { SearchController } from './search/search.controller';
import { StaffController } from './staff/staff.controller';
import { INSTANCE_ID } from './tokens';
import { ApplicationsController } from './volunteers/applications.controller';
import { applicationsHttpConfigProvider } from './volunteers/applications-http.config';
import { CampaignsController } from './volunteers/campaigns.controller';
import { VolunteeringStaffController } from './volunteers/volunteering-staff.controller';

@Global()
@Module({})
export class GatewayAppModule {
  static forRoot(config: GatewayConfig, instanceId: string, logger: Logger): DynamicModule {
    return {
      module: GatewayAppModule,
      imports: [RedisModule, JwtModule.register({ secret: config.JWT_SECRET, verifyOptions: { algorithms: ['HS256'] } })],
      controllers: [
        HealthController,
        AuthController,
        StaffController,
        AsyncApiController,
        MetricsController,
        ApplicationsController,
        CampaignsController,
        VolunteeringStaffController,
        NewsController,
        NewsStaffController,
        SubscriptionsController,
        NotificationsStaffController,
        SearchController,
        SearchStaffController,
        QueueDashboardSessionController,
      ],
      providers: [
        { provide: GATEWAY_CONFIG, useValue: config },
        { provide: INSTANCE_ID, useValue: instanceId },
        { provide: GATEWAY_LOGGER, useValue: logger },
        ServicesClient,
        ViewEventsEmitter,
        CachedReadsFastPath,
        ReadCacheService,
        CacheInvalidationConsumer,
        HealthService,
        RateLimiterService,
        StaffTokenVerifier,
        StaffAuthGuard,
        QueueDashboardService,
        applicationsHttpConfigProvider,
        OneClickBodyParser,
      ],
      exports: [GATEWAY_CONFIG, INSTANCE_ID],
    };
  }
}
