/**
 * "Become a volunteer" submissions through the gateway: sustained rate, latency, and none lost.
 *   npm run build && flock .infra/e2e.lock node dist/bench/applications-bench.js
 * Starts its own volunteers service and gateway from dist/ against a fresh migrated database (the infrastructure must be
 * up: npm run infra:up). Run it under the e2e lock: the apps join the same consumer groups as any other running platform.
 * Every request is a distinct valid application (unique e-mail, phone and Idempotency-Key); at the end the number of
 * rows in the database is compared with the number of 201 answers.
 * Two phases: a sustained rate (BENCH_RATE, paced at even intervals, open loop: latency counts from when a request
 * was due), then the maximum with BENCH_CONNECTIONS connections. Thank-you e-mails go to a local SMTP sink.
 * Options (environment): BENCH_SECONDS (20), BENCH_CONNECTIONS (32), BENCH_RATE (500).
 */
import autocannon from 'autocannon';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { sampleApplicationForm } from '@birgemiz/testing';
import { log, ROOT, sql, startBenchPlatform } from './bench-platform';
import { answered2xx, pacedLoad, type PacedResult } from './paced-load';
import { startSinkProcess } from './smtp-sink-process';

const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const rate = Number(process.env.BENCH_RATE ?? 500);

let n = 0;
function nextBody(): string {
  n += 1;
  const id = `${process.pid}-${n}`;
  return JSON.stringify({ ...sampleApplicationForm(n, `bench-${id}@bench.birgemiz.test`, 'Benchmark'), submissionId: `bench-${id}` });
}

async function main(): Promise<void> {
  // The volunteers service does all of its work, thank-you e-mails included (into a local SMTP sink).
  const sink = await startSinkProcess();
  const platform = await startBenchPlatform(['volunteers', 'gateway'], { APPLICATION_RATE_LIMIT_PER_IP: '10000000', SMTP_URL: sink.url });
  const port = new URL(platform.gatewayUrl).port;
  let accepted = 0;
  let stored = 0;
  let delivered = 0;
  let rss: Record<string, number> = {};
  let cpuBefore: Record<string, number> = {};
  let cpuAfter: Record<string, number> = {};
  let sustained: PacedResult;
  let max: autocannon.Result;
  try {
    const url = `http://127.0.0.1:${port}/api/v1/applications`;
    const request = { method: 'POST' as const, path: '/api/v1/applications', headers: { 'content-type': 'application/json' }, setupRequest: (r: autocannon.Request) => ({ ...r, body: nextBody() }) };
    log('warm-up 3 s…');
    const warm = await autocannon({ url, connections, duration: 3, requests: [request] });
    accepted += warm['2xx'];
    log(`sustained: ${rate} submissions/s for ${seconds} s (paced, open loop)…`);
    cpuBefore = platform.cpuMs();
    sustained = await pacedLoad({ url, method: 'POST', rate, seconds, body: () => nextBody() });
    cpuAfter = platform.cpuMs();
    accepted += answered2xx(sustained);
    rss = platform.rss();
    log(`maximum: ${connections} connections for ${seconds} s…`);
    max = await autocannon({ url, connections, duration: seconds, requests: [request] });
    accepted += max['2xx'];
  } finally {
    // Requests in flight when the load stopped are still being stored: let them land before counting.
    await new Promise((r) => setTimeout(r, 2_000));
    stored = await sql(platform.databaseUrl, async (c) => Number((await c.query(`SELECT count(*) AS n FROM volunteers.applications`)).rows[0].n));
    await platform.stop();
    delivered = await sink.accepted();
    await sink.stop();
  }

  const summary = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: cpus().length,
    seconds,
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
    thankYouEmailsDelivered: delivered,
    targets: { sustainedRate: 500, latencyP99Ms: 50 },
    // CPU time each app spent per answered request during the sustained run (not skewed by other load on the machine).
    cpuMsPerRequest: Object.fromEntries(
      Object.keys(cpuAfter).map((app) => [app, Math.round(((cpuAfter[app] - cpuBefore[app]) / Math.max(1, sustained.requests)) * 1000) / 1000]),
    ),
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
