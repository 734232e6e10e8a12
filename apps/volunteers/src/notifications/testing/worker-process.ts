import 'reflect-metadata';
import { createLogger } from '@birgemiz/logging';
import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { loadVolunteersConfig, VOLUNTEERS_CONFIG } from '../../config';
import { volunteersDataSourceOptions } from '../../database/data-source';
import { INSTANCE_ID, VOLUNTEERS_LOGGER } from '../../tokens';
import { VolunteeringModule } from '../../volunteering.module';
import { NotificationsModule } from '../notifications.module';

/**
 * A process that runs only the notification workers (no HTTP, no Kafka), configured by the environment like the
 * volunteers service: int tests start it as a child process to kill it for real (SIGKILL) in the middle of a job.
 * Prints `ready <pid>` on stdout once the workers run; SIGTERM prints `closing` and closes it gracefully (workers finish
 * their jobs), then the process exits 0.
 */
async function main(): Promise<void> {
  const config = loadVolunteersConfig(process.env);
  const logger = createLogger({ service: 'notification-worker', level: config.LOG_LEVEL, instanceId: `worker-${process.pid}` });

  @Global()
  @Module({
    providers: [
      { provide: VOLUNTEERS_CONFIG, useValue: config },
      { provide: VOLUNTEERS_LOGGER, useValue: logger },
      { provide: INSTANCE_ID, useValue: `worker-${process.pid}` },
    ],
    exports: [VOLUNTEERS_CONFIG, VOLUNTEERS_LOGGER, INSTANCE_ID],
  })
  class WorkerEnvModule {}

  @Module({
    imports: [WorkerEnvModule, TypeOrmModule.forRoot(volunteersDataSourceOptions(config.DATABASE_URL, 5)), VolunteeringModule, NotificationsModule.forRoot({ consumeEvents: false })],
  })
  class WorkerProcessModule {}

  const app = await NestFactory.createApplicationContext(WorkerProcessModule, { logger: false });
  await app.init();
  let closing = false;
  process.on('SIGTERM', () => {
    if (closing) return;
    closing = true;
    process.stdout.write('closing\n');
    void app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
  process.stdout.write(`ready ${process.pid}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
