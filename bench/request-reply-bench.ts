/**
 * Kafka request-reply transport benchmark: the platform's RequestReplyClient calling a Nest microservice that runs the
 * platform's request-reply server (a separate process, as in production), beside a bare kafkajs ping-pong in the same
 * run as the floor. No HTTP, no database: what is left is the transport.
 *   npm run build && flock .infra/e2e.lock node dist/bench/request-reply-bench.js   (needs Kafka: npm run infra:up)
 * Options (environment): BENCH_SECONDS (5 per step), BENCH_CONCURRENCY (comma list, default 1,8,32,64).
 */
import 'reflect-metadata';
import { RequestReplyClient, ensureTopics, kafkaClientConfig, kafkaSettingsFrom, replyTopicSpec, requestReplyServer, requestTopicSpecs } from '@birgemiz/messaging';
import { Controller, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { Kafka, logLevel } from 'kafkajs';
import { fork } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';

const ROOT = join(__dirname, '..', '..');
const PATTERN = 'bench.rr.ping';
const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const concurrencies = (process.env.BENCH_CONCURRENCY ?? '1,8,32,64').split(',').map(Number);
const settings = kafkaSettingsFrom({
  KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
  KAFKA_SESSION_TIMEOUT_MS: 10_000,
  KAFKA_HEARTBEAT_INTERVAL_MS: 1_000,
});
const logger = pino({ level: 'warn' });

@Controller()
class PingController {
  @MessagePattern(PATTERN)
  ping(@Payload() payload: { n: number }): { n: number } {
    return { n: payload.n };
  }
}

@Module({ controllers: [PingController] })
class PingModule {}

async function serve(): Promise<void> {
  const app = await NestFactory.createMicroservice(PingModule, {
    logger: false,
    strategy: requestReplyServer({ settings, service: 'bench', groupId: 'birgemiz-bench-rr', clientId: 'bench-rr-server', logger }),
  });
  await app.listen();
  await bareEcho();
  process.send?.('ready');
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
}

interface Step {
  transport: string;
  concurrency: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
}

function percentile(sorted: number[], q: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] : Number.NaN;
}

/** Runs `call` from `concurrency` loops for `seconds`; latencies in ms. */
async function drive(transport: string, concurrency: number, call: (n: number) => Promise<unknown>): Promise<Step> {
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const started = Date.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        const t = process.hrtime.bigint();
        try {
          await call(n++);
          latencies.push(Number(process.hrtime.bigint() - t) / 1e6);
        } catch {
          errors += 1;
        }
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const elapsed = (Date.now() - started) / 1000;
  return { transport, concurrency, requests: latencies.length, rps: Math.round(latencies.length / elapsed), p50: percentile(latencies, 0.5), p99: percentile(latencies, 0.99), errors };
}

const BARE_REQUESTS = 'birgemiz.bench.bare.ping';
const BARE_REPLIES = 'birgemiz.bench.bare.ping.reply';

function bareKafka(clientId: string): Kafka {
  return new Kafka({ clientId, brokers: settings.brokers, logLevel: logLevel.NOTHING });
}

/** The bare echo side: consumes requests, produces each back on the reply topic (runs in the server process). */
async function bareEcho(): Promise<void> {
  const kafka = bareKafka('bench-bare-server');
  const producer = kafka.producer();
  await producer.connect();
  const consumer = kafka.consumer({ groupId: 'birgemiz-bench-bare-server', maxWaitTimeInMs: 50 });
  await consumer.connect();
  await consumer.subscribe({ topic: BARE_REQUESTS, fromBeginning: false });
  await consumer.run({
    autoCommit: false,
    partitionsConsumedConcurrently: 2,
    eachMessage: async ({ message }) => void producer.send({ topic: BARE_REPLIES, acks: -1, messages: [{ value: message.value }] }),
  });
}

/** Bare kafkajs ping-pong between the same two processes: the floor any Kafka request-reply here can reach. */
async function bareCaller(): Promise<{ call: (n: number) => Promise<unknown>; close: () => Promise<void> }> {
  const kafka = bareKafka('bench-bare-client');
  const producer = kafka.producer();
  await producer.connect();
  const consumer = kafka.consumer({ groupId: 'birgemiz-bench-bare-client', maxWaitTimeInMs: 50 });
  const waiting = new Map<string, () => void>();
  await consumer.connect();
  await consumer.subscribe({ topic: BARE_REPLIES, fromBeginning: false });
  await consumer.run({
    autoCommit: false,
    partitionsConsumedConcurrently: 2,
    eachMessage: async ({ message }) => {
      const id = message.value?.toString() ?? '';
      waiting.get(id)?.();
      waiting.delete(id);
    },
  });
  return {
    call: (n) =>
      new Promise<void>((resolve, reject) => {
        const id = `${process.pid}-${n}`;
        const timer = setTimeout(() => (waiting.delete(id), reject(new Error('timeout'))), 5_000);
        waiting.set(id, () => (clearTimeout(timer), resolve()));
        producer.send({ topic: BARE_REQUESTS, acks: -1, messages: [{ value: id }] }).catch(reject);
      }),
    close: async () => {
      await Promise.all([consumer.disconnect(), producer.disconnect()]);
    },
  };
}

async function main(): Promise<void> {
  const log = (line: string) => process.stdout.write(`[bench] ${line}\n`);
  await ensureTopics(new Kafka(kafkaClientConfig(settings, 'bench-rr-admin', logger)), [
    ...requestTopicSpecs([PATTERN]),
    replyTopicSpec('bench'),
    { topic: BARE_REQUESTS, numPartitions: 2 },
    { topic: BARE_REPLIES, numPartitions: 2 },
  ]);
  const child = fork(__filename, ['--server'], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  process.once('exit', () => child.kill('SIGKILL'));
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve());
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  const client = RequestReplyClient.create({ settings, clientId: 'bench-rr-client', groupId: 'birgemiz-bench-rr-client', caller: 'bench', logger, patterns: [PATTERN] });
  await client.start(30_000);
  const bare = await bareCaller();
  const steps: Step[] = [];
  try {
    // warm-up, and the bare groups settle (their first requests may land before the partitions are assigned)
    for (let i = 0; i < 50; i++) await client.request(PATTERN, { n: i }, { timeoutMs: 10_000 });
    const settleUntil = Date.now() + 30_000;
    for (let i = 0; ; i++) {
      try {
        await bare.call(-i - 1);
        break;
      } catch (error) {
        if (Date.now() > settleUntil) throw error;
      }
    }
    for (const concurrency of concurrencies) {
      for (const [name, call] of [
        ['platform request-reply (Nest)', (n: number) => client.request(PATTERN, { n }, { timeoutMs: 5_000 })],
        ['bare kafkajs ping-pong', bare.call],
      ] as const) {
        const step = await drive(name, concurrency, call);
        steps.push(step);
        log(`${name}, ${concurrency} in flight: ${step.rps} req/s, p50 ${step.p50.toFixed(1)} ms, p99 ${step.p99.toFixed(1)} ms, ${step.errors} errors`);
      }
    }
  } finally {
    await bare.close();
    await client.close();
    child.kill('SIGTERM');
  }
  const dir = join(ROOT, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const rows = steps.map((s) => `| ${s.transport} | ${s.concurrency} | ${s.rps} | ${s.p50.toFixed(1)} | ${s.p99.toFixed(1)} | ${s.errors} |`);
  const markdown = ['| transport | in flight | req/s | p50 ms | p99 ms | errors |', '| --- | ---: | ---: | ---: | ---: | ---: |', ...rows].join('\n');
  writeFileSync(join(dir, 'request-reply.json'), JSON.stringify({ date: new Date().toISOString(), seconds, steps }, null, 2));
  writeFileSync(join(dir, 'request-reply.md'), `${markdown}\n`);
  log(`\n${markdown}`);
}

const entry = process.argv.includes('--server') ? serve : main;
entry().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
