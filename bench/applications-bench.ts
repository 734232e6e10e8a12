/**
 * "Become a volunteer" submissions through the gateway: sustained rate, latency, and none lost.
 *   npm run build && flock .infra/e2e.lock node dist/bench/applications-bench.js
 * Starts its own volunteers service and gateway from dist/ against a fresh migrated database (the infrastructure must be
 * up: npm run infra:up). Run it under the e2e lock: the apps join the same consumer groups as any other running platform.
 * Every request is a distinct valid application (unique e-mail, phone and Idempotency-Key); at the end the number of
 * rows in the database is compared with the number of 201 answers.
 * Options (environment): BENCH_SECONDS (20), BENCH_CONNECTIONS (32), BENCH_RATE (0 = as fast as possible; else req/s).
 */
import autocannon from 'autocannon';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { migrateAll } from '../scripts/migrate';
import { answers200, startProcess, stopProcess } from './process';

const ROOT = join(__dirname, '..', '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 20);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const rate = Number(process.env.BENCH_RATE ?? 0);
const adminUrl = process.env.DATABASE_URL ?? 'postgres://birgemiz:birgemiz@127.0.0.1:5432/birgemiz';

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function admin<T>(fn: (client: Client) => Promise<T>, url = adminUrl): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

let n = 0;
function nextBody(): string {
  n += 1;
  const id = `${process.pid}-${n}`;
  return JSON.stringify({
    fullName: `Bench Volunteer ${n}`,
    email: `bench-${id}@bench.birgemiz.test`,
    phone: `+77${String(100_000_000 + (n % 900_000_000)).padStart(9, '0')}`,
    birthDate: '1990-01-01',
    region: 'astana',
    city: 'Astana',
    languages: [{ code: 'kk', level: 'fluent', scripts: ['cyrl'] }],
    skills: ['event-support'],
    availability: { days: ['sat'], timesOfDay: ['morning'], hoursPerWeek: 4 },
    motivation: 'Benchmark submission: I would like to help.',
    consent: { accepted: true, version: '2026-01' },
    submissionId: `bench-${id}`,
  });
}

async function main(): Promise<void> {
  const log = (line: string) => process.stdout.write(`[bench] ${line}\n`);
  const database = `birgemiz_bench_${Date.now().toString(36)}`;
  await admin((c) => c.query(`CREATE DATABASE "${database}"`));
  const databaseUrl = withDatabase(adminUrl, database);
  await migrateAll(databaseUrl, log);
  const port = 3992;
  const env = {
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '20',
    LOG_LEVEL: 'warn',
    JWT_SECRET: 'bench-only-secret-0123456789abcdef0123456789',
    APPLICATION_RATE_LIMIT_PER_IP: '10000000',
    PORT: String(port),
    HOST: '127.0.0.1',
    INSTANCE_ID: `bench-${process.pid}`,
  };
  log('starting the volunteers service and the gateway…');
  const volunteers = await startProcess(join(ROOT, 'dist/apps/volunteers/src/main.js'), env, async () => true);
  const gateway = await startProcess(join(ROOT, 'dist/apps/gateway/src/main.js'), env, () => answers200(`http://127.0.0.1:${port}/health/services/volunteers`), 90_000);

  let accepted = 0;
  let result: autocannon.Result;
  try {
    const url = `http://127.0.0.1:${port}/api/v1/applications`;
    const request = { method: 'POST' as const, path: '/api/v1/applications', headers: { 'content-type': 'application/json' }, setupRequest: (r: autocannon.Request) => ({ ...r, body: nextBody() }) };
    log('warm-up 3 s…');
    const warm = await autocannon({ url, connections, duration: 3, requests: [request] });
    accepted += warm['2xx'];
    log(`${connections} connections for ${seconds} s${rate ? ` at ${rate} req/s` : ''}…`);
    result = await autocannon({ url, connections, duration: seconds, requests: [request], ...(rate ? { overallRate: rate } : {}) });
    accepted += result['2xx'];
  } finally {
    await stopProcess(gateway);
    await stopProcess(volunteers);
  }
  const stored = await admin(async (c) => Number((await c.query(`SELECT count(*) AS n FROM volunteers.applications`)).rows[0].n), databaseUrl);
  await admin((c) => c.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`));

  const summary = {
    date: new Date().toISOString(),
    node: process.version,
    cpus: require('node:os').cpus().length,
    seconds,
    connections,
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    accepted201: accepted,
    storedInDatabase: stored,
    lost: accepted - stored,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    targets: { requestsPerSecond: 500, latencyP99Ms: 50 },
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
