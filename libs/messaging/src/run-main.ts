import { ConfigValidationError } from '@birgemiz/config';
import { createLogger } from '@birgemiz/logging';
import { hostname } from 'node:os';

/**
 * Entry-point wrapper of every app: a bad environment prints every problem and exits 1; an unexpected error at
 * start-up is logged as JSON and exits 1; unhandled rejections are logged instead of killing the process silently.
 */
export function runMain(service: string, main: (instanceId: string) => Promise<unknown>): void {
  const instanceId = process.env.INSTANCE_ID || `${hostname()}-${process.pid}`;
  const logger = createLogger({ service, level: process.env.LOG_LEVEL ?? 'info', instanceId });
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled promise rejection'));
  main(instanceId).catch((error: unknown) => {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(`${service}: ${error.message}\n`);
    } else {
      logger.fatal({ err: error }, `${service} failed to start`);
    }
    process.exit(1);
  });
}
