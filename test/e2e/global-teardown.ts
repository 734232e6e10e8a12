import '../register-paths';
import { dropDatabase, testInfra } from '@birgemiz/testing';
import { Redis } from 'ioredis';
import { APPS, readState, stopApp } from './platform';

/** Stops every app gracefully (they leave their consumer groups) and drops the run's database. */
export default async function globalTeardown(): Promise<void> {
  const state = readState();
  await Promise.all(APPS.map((app) => stopApp(state.pids[app], 'SIGTERM')));
  await dropDatabase(state.databaseName);
  await deleteKeys(`${state.env.NOTIFICATION_QUEUE_PREFIX}:*`);
}

/** The run's BullMQ queues live under a prefix of their own in the shared Redis: remove them. */
async function deleteKeys(pattern: string): Promise<void> {
  const redis = new Redis(testInfra.redisUrl);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', pattern, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}
