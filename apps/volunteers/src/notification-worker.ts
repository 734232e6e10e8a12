import 'reflect-metadata';
import { createLogger } from '@birgemiz/logging';
import { runMain } from '@birgemiz/messaging';
import { NestFactory } from '@nestjs/core';
import { loadVolunteersConfig } from './config';
import { NotificationWorkerModule } from './notification-worker.module';

/**
 * Entry point of a notification worker process: `node dist/apps/volunteers/src/notification-worker.js`, configured by
 * the same environment as the volunteers service (NOTIFICATION_WORKERS is ignored here: this process exists to run
 * them; NOTIFICATION_YIELD_BUSY_PERCENT defaults to 50 here). SIGTERM or SIGINT stops taking jobs, lets the active
 * ones finish, then exits.
 */
runMain('notification-worker', async (instanceId) => {
  // Background work on a host it may share with the apps: it yields to their requests unless told otherwise.
  const config = loadVolunteersConfig({ NOTIFICATION_YIELD_BUSY_PERCENT: '50', ...process.env, NOTIFICATION_WORKERS: 'true' });
  const logger = createLogger({ service: 'notification-worker', level: config.LOG_LEVEL, instanceId });
  const app = await NestFactory.createApplicationContext(NotificationWorkerModule.forRoot(config, instanceId, logger), { logger: false });
  app.enableShutdownHooks(['SIGTERM', 'SIGINT']);
  await app.init();
  logger.info(
    { concurrency: config.NOTIFICATION_CONCURRENCY, queuePrefix: config.NOTIFICATION_QUEUE_PREFIX, yieldBusyPercent: config.NOTIFICATION_YIELD_BUSY_PERCENT },
    'notification workers running',
  );
});
