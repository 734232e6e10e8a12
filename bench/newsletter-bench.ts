/**
 * Newsletter fan-out benchmark: 50,000 confirmed subscribers, one published article, every e-mail into an SMTP sink
 * (the `smtp-server` package) in a process of its own, as a mail server would be. Measures the time to enqueue all
 * e-mail jobs (the fan-out job's addBulk pages), the delivery rate of the workers, and the Redis memory the queues use (INFO memory).
 *
 *   npm run build && flock .infra/e2e.lock node dist/bench/newsletter-bench.js
 *
 * Needs PostgreSQL and Redis (npm run infra:up); makes and drops its own database and BullMQ prefix.
 * BENCH_SUBSCRIBERS (50000), BENCH_CONCURRENCY (50) tune it. Result: bench/results/newsletter.json.
 */
import 'reflect-metadata';
import { ArticlePublished, type CloudEvent } from '@birgemiz/contracts';
import { createLogger } from '@birgemiz/logging';
import { Global, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { Redis } from 'ioredis';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { forceDropDatabase } from '@birgemiz/testing';
import { loadVolunteersConfig, VOLUNTEERS_CONFIG } from '../apps/volunteers/src/config';
import { volunteersDataSourceOptions } from '../apps/volunteers/src/database/data-source';
import { ArticleEventsConsumer } from '../apps/volunteers/src/notifications/article-events.consumer';
import { NotificationDataRepository } from '../apps/volunteers/src/notifications/notification-data.repository';
import { NotificationQueuesService } from '../apps/volunteers/src/notifications/notification-queues.service';
import { NotificationsModule } from '../apps/volunteers/src/notifications/notifications.module';
import { INSTANCE_ID, VOLUNTEERS_LOGGER } from '../apps/volunteers/src/tokens';
import { migrateAll } from '../scripts/migrate';
import { removeNotificationQueues } from './bench-platform';
import { startSinkProcess } from './smtp-sink-process';

const ROOT = join(__dirname, '..', '..');
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 50_000);
const CONCURRENCY = process.env.BENCH_CONCURRENCY ?? '50';
const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://birgemiz:birgemiz@127.0.0.1:5432/birgemiz';
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

const log = (line: string) => process.stdout.write(`newsletter bench: ${line}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

async function main(): Promise<void> {
  const suffix = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  const databaseName = `birgemiz_bench_newsletter_${suffix}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${databaseName}"`);
  await admin.end();
  const url = new URL(ADMIN_URL);
  url.pathname = `/${databaseName}`;
  const databaseUrl = url.toString();
  await migrateAll(databaseUrl);

  const sink = await startSinkProcess();
  const prefix = `bench-${suffix}`;
  const config = loadVolunteersConfig({
    ...process.env,
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '40',
    REDIS_URL,
    JWT_SECRET: process.env.JWT_SECRET ?? 'bench-only-secret-0123456789abcdef0123456789',
    SMTP_URL: sink.url,
    PUBLIC_BASE_URL: 'https://birgemiz.kz',
    NOTIFICATION_QUEUE_PREFIX: prefix,
    NOTIFICATION_CONCURRENCY: CONCURRENCY,
    LOG_LEVEL: 'warn',
  });
  const logger = createLogger({ service: 'bench', level: 'warn' });

  @Global()
  @Module({
    providers: [
      { provide: VOLUNTEERS_CONFIG, useValue: config },
      { provide: VOLUNTEERS_LOGGER, useValue: logger },
      { provide: INSTANCE_ID, useValue: 'bench' },
    ],
    exports: [VOLUNTEERS_CONFIG, VOLUNTEERS_LOGGER, INSTANCE_ID],
  })
  class BenchEnvModule {}

  @Module({ imports: [BenchEnvModule, TypeOrmModule.forRoot(volunteersDataSourceOptions(databaseUrl, 40)), NotificationsModule.forRoot({ consumeEvents: false })] })
  class BenchModule {}

  const redis = new Redis(REDIS_URL);
  const seed = new Client({ connectionString: databaseUrl });
  await seed.connect();
  await seed.query(
    `INSERT INTO volunteers.subscriptions (email, status, locale, topics, frequency, confirmed_at)
     SELECT 'reader-' || g || '@bench.birgemiz.test', 'confirmed', (ARRAY['kk-Cyrl','kk-Latn','ru','en'])[1 + g % 4], ARRAY['news'], 'immediate', now()
       FROM generate_series(1, $1) g`,
    [SUBSCRIBERS],
  );
  log(`${SUBSCRIBERS} confirmed subscribers in ${databaseName}`);

  const app = await NestFactory.createApplicationContext(BenchModule, { logger: ['error', 'warn'] });
  await app.init();
  const queues = app.get(NotificationQueuesService);
  const consumer = new ArticleEventsConsumer(app.get(NotificationDataRepository), queues, config, 'bench', logger);
  const memoryBefore = await usedMemory(redis);

  const articleId = randomUUID();
  const now = new Date().toISOString();
  const event = {
    id: randomUUID(), source: '/birgemiz/news', type: ArticlePublished.type, specversion: '1.0', time: now, subject: articleId, datacontenttype: 'application/json',
    data: {
      articleId, version: 2, status: 'published', region: 'astana', tags: ['bench'], coverImageUrl: null, publishedAt: now, updatedAt: now,
      translations: [
        { locale: 'kk-Cyrl', title: 'Астанада жастар ағаш отырғызды', summary: 'Еріктілер қала саябағында үш жүз көшет отырғызды.', body: 'Мәтін', slug: 'astanada-jastar-agash-otyrgyzdy', publishedAt: now, machineTranslated: false },
        { locale: 'ru', title: 'Молодёжь Астаны посадила деревья', summary: 'Волонтёры высадили триста саженцев.', body: 'Текст', slug: 'molodezh-astany', publishedAt: now, machineTranslated: false },
      ],
    },
  } as CloudEvent;

  const started = Date.now();
  await consumer.onArticle(event);
  let peakMemory = memoryBefore;
  let enqueuedAt = 0;
  let firstDelivery = 0;
  for (;;) {
    const [{ fanned_out_at }] = (await seed.query(`SELECT fanned_out_at FROM volunteers.newsletter_issues WHERE article_id = $1`, [articleId])).rows;
    if (!enqueuedAt && fanned_out_at) enqueuedAt = Date.now();
    const accepted = await sink.accepted();
    if (!firstDelivery && accepted > 0) firstDelivery = Date.now();
    peakMemory = Math.max(peakMemory, await usedMemory(redis));
    if (accepted >= SUBSCRIBERS) break;
    if (Date.now() - started > 30 * 60_000) throw new Error(`only ${accepted} delivered after 30 minutes`);
    await sleep(100);
  }
  const finished = Date.now();
  const [{ n: logged }] = (await seed.query(`SELECT count(*)::int AS n FROM volunteers.notification_deliveries WHERE status = 'sent'`)).rows;
  const memoryAfter = await usedMemory(redis);

  const result = {
    subscribers: SUBSCRIBERS,
    concurrency: Number(CONCURRENCY),
    enqueueSeconds: (enqueuedAt - started) / 1000,
    deliverySeconds: (finished - started) / 1000,
    deliveredPerSecond: Math.round(SUBSCRIBERS / ((finished - started) / 1000)),
    delivered: await sink.accepted(),
    deliveryLogRows: logged,
    redisUsedMemoryBytes: { before: memoryBefore, peak: peakMemory, after: memoryAfter },
    redisPeakOverBaselineMiB: Number(((peakMemory - memoryBefore) / 1024 / 1024).toFixed(1)),
    targets: { enqueueSeconds: 10, deliveredPerSecond: 500 },
    node: process.version,
    at: new Date().toISOString(),
  };
  log(JSON.stringify(result, null, 2));
  mkdirSync(join(ROOT, 'bench', 'results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench', 'results', 'newsletter.json'), `${JSON.stringify(result, null, 2)}\n`);

  await app.close();
  await removeNotificationQueues(REDIS_URL, prefix);
  await redis.quit();
  await seed.end();
  await sink.stop();
  const drop = new Client({ connectionString: ADMIN_URL });
  await drop.connect();
  await forceDropDatabase(drop, databaseName);
  await drop.end();
}

main().catch((error) => {
  process.stderr.write(`newsletter bench failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
