import { NOTIFICATION_QUEUE_NAMES } from '@birgemiz/contracts';
import { Queue } from 'bullmq';
import { execFileSync, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { setPriority } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { forceDropDatabase } from '@birgemiz/testing';
import { migrateAll } from '../scripts/migrate';
import { answers200, cpuTimeMs, freePort, startProcess, stopProcess } from './process';

export const ROOT = join(__dirname, '..', '..');
const ADMIN_URL = process.env.DATABASE_URL ?? 'postgres://birgemiz:birgemiz@127.0.0.1:5432/birgemiz';

/** V8 options of the search service (a larger young generation: less CPU on collecting a rebuild's garbage). */
const SEARCH_NODE_OPTIONS = '--max-semi-space-size=64';
/**
 * Processes that are not an app's main.js, as scripts/start.sh runs them: the notification workers in a process of their
 * own, scheduled as background work (the volunteers service then runs without them: NOTIFICATION_WORKERS=false).
 */
const WORKER_PROCESSES: Record<string, { script: string }> = {
  'notification-worker': { script: 'dist/apps/volunteers/src/notification-worker.js' },
};

/**
 * Background scheduling for a worker process, all of its threads: SCHED_IDLE (`chrt --idle`), so it gets the CPU only
 * when requests leave some; where chrt is missing, the lowest nice value.
 */
function runInBackground(pid: number): void {
  try {
    execFileSync('chrt', ['--all-tasks', '--idle', '--pid', '0', String(pid)], { stdio: 'ignore' });
  } catch {
    setPriority(pid, 19);
  }
}

export const BENCH_JWT_SECRET = 'bench-only-secret-0123456789abcdef0123456789';
export const BENCH_ADMIN = { email: 'bench-admin@bench.birgemiz.test', password: 'Bench-admin-password-1' };

export function log(line: string): void {
  process.stdout.write(`[bench] ${line}\n`);
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

export async function sql<T>(url: string, fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Deletes the notification queues (jobs, schedulers, counters) a benchmark created under a prefix of its own. */
export async function removeNotificationQueues(redisUrl: string, prefix: string): Promise<void> {
  for (const name of NOTIFICATION_QUEUE_NAMES) {
    const queue = new Queue(name, { connection: { url: redisUrl }, prefix });
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
  }
}

export interface BenchPlatform {
  gatewayUrl: string;
  databaseUrl: string;
  env: Record<string, string>;
  stop(): Promise<void>;
  /** RSS (bytes) of each app, read from /proc. */
  rss(): Record<string, number>;
  /** CPU time (ms, user + system) each app has used so far, read from /proc: robust to other load on the machine. */
  cpuMs(): Record<string, number>;
  /** The pid of a running app (undefined when it is not running). */
  pid(app: string): number | undefined;
  /** Sends a signal to one app (SIGKILL: a crash) and resolves once it has exited. */
  kill(app: string, signal?: NodeJS.Signals): Promise<void>;
  /** Starts one app again (after kill) with the same environment; resolves when it is ready as at the first start. */
  start(app: string): Promise<void>;
}

export interface BenchPlatformOptions {
  /** Append each app's stdout and stderr to `<logDir>/<app>.log` instead of dropping stdout and inheriting stderr. */
  logDir?: string;
}

/**
 * Starts the given apps from dist/ against a fresh migrated database (infrastructure must be up). Run benchmarks
 * under the e2e lock: these apps join the same Kafka topics and consumer groups as any other running platform.
 */
export async function startBenchPlatform(
  apps: string[],
  extraEnv: Record<string, string> = {},
  options: BenchPlatformOptions = {},
): Promise<BenchPlatform> {
  const database = `birgemiz_bench_${Date.now().toString(36)}`;
  await sql(ADMIN_URL, (c) => c.query(`CREATE DATABASE "${database}"`));
  const databaseUrl = withDatabase(ADMIN_URL, database);
  await migrateAll(databaseUrl, log);
  // A free port unless PORT or BENCH_PORT names one: another checkout on this machine may be running its own bench.
  const port = extraEnv.PORT ? Number(extraEnv.PORT) : process.env.BENCH_PORT ? Number(process.env.BENCH_PORT) : await freePort();
  const env: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    DATABASE_POOL_SIZE: '20',
    LOG_LEVEL: 'warn',
    JWT_SECRET: BENCH_JWT_SECRET,
    BOOTSTRAP_ADMIN_EMAIL: BENCH_ADMIN.email,
    BOOTSTRAP_ADMIN_PASSWORD: BENCH_ADMIN.password,
    LOGIN_RATE_LIMIT_PER_IP: '100000',
    PORT: String(port),
    HOST: '127.0.0.1',
    ...extraEnv,
  };
  const gatewayUrl = `http://127.0.0.1:${port}`;
  const children = new Map<string, ChildProcess>();
  const stop = async () => {
    for (const child of [...children.values()].reverse()) await stopProcess(child);
    // BENCH_KEEP_DATABASE=1 leaves the database for a look afterwards (EXPLAIN ANALYZE of what was measured).
    if (process.env.BENCH_KEEP_DATABASE === '1') log(`database kept: ${database} (drop it when done)`);
    else await sql(ADMIN_URL, (c) => forceDropDatabase(c, database));
  };
  // The Kafka services: the gateway waits until each answers through it. Worker processes serve no requests.
  const services = apps.filter((a) => a !== 'gateway' && !(a in WORKER_PROCESSES));
  if (options.logDir) mkdirSync(options.logDir, { recursive: true });
  const startApp = async (app: string) => {
    const logFd = options.logDir ? openSync(join(options.logDir, `${app}.log`), 'a') : undefined;
    try {
      const worker = WORKER_PROCESSES[app];
      const script = join(ROOT, worker ? worker.script : `dist/apps/${app}/src/main.js`);
      const instanceEnv: Record<string, string> = { ...env, INSTANCE_ID: `bench-${app}-${Date.now().toString(36)}` };
      if (app === 'volunteers' && apps.includes('notification-worker')) instanceEnv.NOTIFICATION_WORKERS = 'false';
      // As scripts/start.sh and docker-compose.yml run it: a larger young generation for the search service's rebuilds.
      if (app === 'search') instanceEnv.NODE_OPTIONS = `${process.env.NODE_OPTIONS ?? ''} ${SEARCH_NODE_OPTIONS}`.trim();
      if (app === 'gateway') {
        const ready = async () => (await Promise.all(services.map((s) => answers200(`${gatewayUrl}/health/services/${s}`)))).every(Boolean);
        children.set(app, await startProcess(script, instanceEnv, ready, 90_000, logFd));
      } else {
        const child = await startProcess(script, instanceEnv, async () => true, 60_000, logFd);
        children.set(app, child);
        if (worker && child.pid !== undefined) runInBackground(child.pid);
      }
    } finally {
      if (logFd !== undefined) closeSync(logFd);
    }
  };
  log(`starting ${apps.join(', ')}…`);
  try {
    for (const app of services) await startApp(app);
    for (const app of apps.filter((a) => a in WORKER_PROCESSES)) await startApp(app);
    if (apps.includes('gateway')) await startApp('gateway');
  } catch (error) {
    // Leave nothing behind: a stray service would answer the requests of the next platform on this broker.
    await stop();
    throw error;
  }
  return {
    gatewayUrl,
    databaseUrl,
    env,
    rss: () => ({ ...Object.fromEntries([...children].map(([name, child]) => [name, rssOf(child.pid)])), kafka: kafkaRss() }),
    cpuMs: () => Object.fromEntries([...children].map(([name, child]) => [name, cpuTimeMs(child.pid)])),
    pid: (app) => {
      const child = children.get(app);
      return child && child.exitCode === null && child.signalCode === null ? child.pid : undefined;
    },
    kill: async (app, signal = 'SIGKILL') => {
      const child = children.get(app);
      if (!child || child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill(signal);
      await exited;
    },
    start: startApp,
    stop,
  };
}

/** RSS of this checkout's Kafka broker (scripts/infra), 0 when the broker is someone else's. */
function kafkaRss(): number {
  try {
    return rssOf(Number(readFileSync(join(ROOT, '.infra', 'kafka', 'kafka.pid'), 'utf8').trim()));
  } catch {
    return 0;
  }
}

function rssOf(pid: number | undefined): number {
  try {
    const status = require('node:fs').readFileSync(`/proc/${pid}/status`, 'utf8') as string;
    const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    return kb * 1024;
  } catch {
    return 0;
  }
}

export async function call(url: string, method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

export async function adminToken(gatewayUrl: string): Promise<string> {
  const login = await call(gatewayUrl, 'POST', '/api/v1/auth/login', BENCH_ADMIN);
  if (login.status !== 200) throw new Error(`bench admin login failed: ${login.status}`);
  return login.body.accessToken as string;
}
