/**
 * "Become a volunteer" submissions through the gateway: sustained rate, latency, and none lost.
 *   npm run build && flock .infra/e2e.lock node dist/bench/applications-bench.js
 * Starts its own volunteers service and gateway from dist/ against a fresh migrated database (the infrastructure must be
 * up: npm run infra:up). Run it under the e2e lock: the apps join the same consumer groups as any other running platform.
 * Every request is a distinct valid application (unique e-mail, phone and Idempotency-Key); at the end the number of
 * rows in the database is compared with the number of 201 answers.
 * Two phases: a sustained rate (BENCH_RATE, paced at even intervals, open loop: latency counts from when a request
 * was due), then the maximum with BENCH_CONNECTIONS connections. Before them a warm-up: 3 s at the maximum, then
 * BENCH_WARM_SECONDS at the sustained rate (JIT, connection pools and the broker's batches in their steady state; counted
 * in the totals, and its latency is reported as `warmUp`, apart from the measured phase). A Kafka broker started just
 * before spends about its first 15 s of load compiling its hot paths (two to three times its later CPU per request),
 * which is why the paced warm-up lasts 15 s by default. The sustained result lists p50/p99 per second as well.
 * Thank-you e-mails go to a local SMTP sink. As `npm start` and docker-compose.yml deploy it, a notification worker
 * process at a lower priority sends them and the volunteers service only takes submissions (BENCH_EMAIL_WORKERS=process);
 * BENCH_EMAIL_WORKERS=in-process runs the workers inside the volunteers service instead; BENCH_EMAIL_WORKERS=none runs no
 * worker (the e-mails stay queued: submissions measured alone). After the load the bench waits
 * (up to BENCH_EMAIL_WAIT_SECONDS) until every stored application's e-mail is delivered and reports how long that took.
 * Options (environment): BENCH_SECONDS (20), BENCH_CONNECTIONS (32), BENCH_RATE (500), BENCH_WARM_SECONDS (15),
 * BENCH_EMAIL_WORKERS (process), BENCH_EMAIL_WAIT_SECONDS (180).
 */
import autocannon from 'autocannon';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { sampleApplicationForm } from '@birgemiz/testing';
import { log, removeNotificationQueues, ROOT, sql, startBenchPlatform } from './bench-platform';
import { answered2xx, pacedLoad, type PacedResult } from './paced-load';
import { machineBusyMs } from './process';
import { startSinkProcess } from './smtp-sink-process';

const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const rate = Number(process.env.BENCH_RATE ?? 500);
const warmSeconds = Number(process.env.BENCH_WARM_SECONDS ?? 15);
const emailWorkers = process.env.BENCH_EMAIL_WORKERS ?? 'process';
const emailWaitSeconds = Number(process.env.BENCH_EMAIL_WAIT_SECONDS ?? 180);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

let n = 0;
function nextBody(): string {
  n += 1;
  const id = `${process.pid}-${n}`;
  return JSON.stringify({ ...sampleApplicationForm(n, `bench-${id}@bench.birgemiz.test`, 'Benchmark'), submissionId: `bench-${id}` });
}

async function main(): Promise<void> {
  if (!['process', 'in-process', 'none'].includes(emailWorkers)) throw new Error(`BENCH_EMAIL_WORKERS must be process, in-process or none, not ${emailWorkers}`);
  const sink = await startSinkProcess();
  // Queues of this run only: nothing left for, or taken from, another platform's workers on this Redis.
  const queuePrefix = `bench-${Date.now().toString(36)}`;
  const apps = emailWorkers === 'process' ? ['volunteers', 'notification-worker', 'gateway'] : ['volunteers', 'gateway'];
  const platform = await startBenchPlatform(apps, {
    APPLICATION_RATE_LIMIT_PER_IP: '10000000',
    SMTP_URL: sink.url,
    NOTIFICATION_QUEUE_PREFIX: queuePrefix,
    ...(emailWorkers === 'none' ? { NOTIFICATION_WORKERS: 'false' } : {}),
  });
  const port = new URL(platform.gatewayUrl).port;
  let accepted = 0;
  let stored = 0;
  let delivered = 0;
  let deliveredAfterLoadSeconds: number | null = null;
  let rss: Record<string, number> = {};
  let cpuBefore: Record<string, number> = {};
  let cpuAfter: Record<string, number> = {};
  let machineMs = 0;
  let warmUp: PacedResult | undefined;
  let sustained: PacedResult;
  let max: autocannon.Result;
  let loadFinished = false;
  try {
    const url = `http://127.0.0.1:${port}/api/v1/applications`;
    const request = { method: 'POST' as const, path: '/api/v1/applications', headers: { 'content-type': 'application/json' }, setupRequest: (r: autocannon.Request) => ({ ...r, body: nextBody() }) };
    log('warm-up 3 s…');
    const warm = await autocannon({ url, connections, duration: 3, requests: [request] });
    accepted += warm['2xx'];
    if (warmSeconds > 0) {
      log(`warm-up at ${rate} submissions/s for ${warmSeconds} s…`);
      warmUp = await pacedLoad({ url, method: 'POST', rate, seconds: warmSeconds, body: () => nextBody() });
      accepted += answered2xx(warmUp);
    }
    log(`sustained: ${rate} submissions/s for ${seconds} s (paced, open loop)…`);
    cpuBefore = platform.cpuMs();
    const machineBefore = machineBusyMs();
    sustained = await pacedLoad({ url, method: 'POST', rate, seconds, body: () => nextBody() });
    machineMs = machineBusyMs() - machineBefore;
    cpuAfter = platform.cpuMs();
    accepted += answered2xx(sustained);
    rss = platform.rss();
    log(`maximum: ${connections} connections for ${seconds} s…`);
    max = await autocannon({ url, connections, duration: seconds, requests: [request] });
    accepted += max['2xx'];
    loadFinished = true;
  } finally {
    // Requests in flight when the load stopped are still being stored: let them land before counting.
    await new Promise((r) => setTimeout(r, 2_000));
    stored = await sql(platform.databaseUrl, async (c) => Number((await c.query(`SELECT count(*) AS n FROM volunteers.applications`)).rows[0].n));
    const loadEnded = Date.now() - 2_000;
    // After a failed run there is nothing to wait for: the error is reported at once.
    const waitSeconds = loadFinished && emailWorkers !== 'none' ? emailWaitSeconds : 0;
    if (waitSeconds > 0) log(`waiting up to ${waitSeconds} s for the thank-you e-mails of ${stored} applications…`);
    const deadline = Date.now() + waitSeconds * 1000;
    let lastReport = Date.now();
    for (;;) {
      delivered = await sink.accepted();
      if (delivered >= stored) {
        deliveredAfterLoadSeconds = Math.round((Date.now() - loadEnded) / 100) / 10;
        break;
      }
      if (Date.now() > deadline) break;
      if (Date.now() - lastReport >= 10_000) {
        log(`  ${delivered} of ${stored} delivered`);
        lastReport = Date.now();
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    await platform.stop();
    delivered = await sink.accepted();
    await sink.stop();
    await removeNotificationQueues(REDIS_URL, queuePrefix);
  }

  const summary = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    seconds,
    // The paced warm-up before the measured phase (not part of the target), without its per-second rows.
    warmUp: warmUp
      ? { seconds: warmSeconds, p50Ms: warmUp.p50Ms, p99Ms: warmUp.p99Ms, maxMs: warmUp.maxMs, non2xx: warmUp.non2xx, errors: warmUp.errors }
      : null,
    sustained: { rate, ...sustained },
    maximum: {
      connections,
      requestsPerSecond: Math.round(max.requests.average),
      latencyP50Ms: max.latency.p50,
      latencyP99Ms: max.latency.p99,
      non2xx: max.non2xx,
      errors: max.errors + max.timeouts,
    },
    accepted201: accepted,
    storedInDatabase: stored,
    // Accepted (201 seen by the client) but not stored. Stored but not seen: in flight when the load stopped.
    lost: Math.max(0, accepted - stored),
    storedButUnacknowledged: Math.max(0, stored - accepted),
    emailWorkers,
    thankYouEmailsDelivered: delivered,
    // Seconds from the end of the load until every stored application's e-mail was delivered (null: not within the wait).
    allEmailsDeliveredSecondsAfterLoad: deliveredAfterLoadSeconds,
    targets: { sustainedRate: 500, latencyP99Ms: 50 },
    // CPU time each app spent per answered request during the sustained run (not skewed by other load on the machine).
    cpuMsPerRequest: Object.fromEntries(
      Object.keys(cpuAfter).map((app) => [app, Math.round(((cpuAfter[app] - cpuBefore[app]) / Math.max(1, sustained.requests)) * 1000) / 1000]),
    ),
    // The whole machine's busy CPU during the sustained run per request: PostgreSQL, Redis, Kafka and the load
    // generator included (anything else running on the machine too).
    machineCpuMsPerRequest: Math.round((machineMs / Math.max(1, sustained.requests)) * 1000) / 1000,
    rssBytes: rss,
  };
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results/applications.json'), `${JSON.stringify(summary, null, 2)}\n`);
  process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  if (summary.lost !== 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
