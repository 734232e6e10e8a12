import 'reflect-metadata';
import { createLogger } from '@birgemiz/logging';
import { NestFactory } from '@nestjs/core';
import { loadVolunteersConfig } from '../../config';
import { NotificationWorkerModule } from '../../notification-worker.module';

/**
 * A process that runs only the notification workers (no HTTP, no Kafka), configured by the environment like the
 * volunteers service: int tests start it as a child process to kill it for real (SIGKILL) in the middle of a job.
 * Prints `ready <pid>` on stdout once the workers run; SIGTERM prints `closing` and closes it gracefully (workers finish
 * their jobs), then the process exits 0.
 */
async function main(): Promise<void> {
  const config = loadVolunteersConfig(process.env);
  const instanceId = `worker-${process.pid}`;
  const logger = createLogger({ service: 'notification-worker', level: config.LOG_LEVEL, instanceId });
  const app = await NestFactory.createApplicationContext(NotificationWorkerModule.forRoot(config, instanceId, logger), { logger: false });
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
