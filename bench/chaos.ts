/**
 * `npm run chaos`: the timed fault run of the platform (bench/results/chaos.json and chaos.md).
 *
 * Starts the four apps and the notification worker process from dist/ (as npm start runs them: the volunteers service
 * without workers) against a fresh migrated database (bench-platform) and an SMTP sink, puts a modest mixed load on the
 * gateway (application submissions with unique e-mails and Idempotency-Keys, article reads that count views, staff
 * creating and publishing articles, public searches) and, in turn, SIGKILLs and restarts the Kafka broker, PostgreSQL,
 * Redis, each app and the notification worker. The load runs for at least CHAOS_SECONDS (60) and until every fault has
 * recovered. Then it waits (bounded) for the platform to be quiet — outboxes drained, e-mail queue empty, views and
 * search caught up — and checks that nothing was lost or doubled:
 *  - every application the gateway accepted (2xx) is stored exactly once, and every stored one got exactly one
 *    confirmation e-mail; a submission that got a timeout or 5xx is retried with the same Idempotency-Key and counts
 *    as not accepted if it never got a 2xx (it may then exist, but at most once);
 *  - every published article is found by the public search, exactly once;
 *  - each article's view count equals the reads the gateway answered with 200 (reads whose answer was lost to a
 *    reset connection may or may not count, and so may reads answered within 100 ms before a gateway SIGKILL: readers
 *    never wait for Kafka, so the gateway's last few milliseconds of views can die with it; they are reported);
 *  - no message landed in a dead-letter topic without a reason header;
 *  - error answers (5xx) came quickly: the maximum latency of those answers is reported, and client timeouts
 *    (a gateway that hangs) are counted.
 * Each request, view and article belongs to the fault window it was made in (from one fault's kill to the next one's).
 *
 * Infrastructure faults need the components started by this checkout's scripts (scripts/infra/up.sh); their pids are
 * read from .infra (kafka/kafka.pid, postgres/data/postmaster.pid, redis/redis.pid) and they are restarted with
 * `scripts/infra/up.sh <component>`. Run it under the e2e lock (npm run chaos does): it kills shared infrastructure.
 *
 * Options (environment): CHAOS_SECONDS (60), CHAOS_FAULTS (kafka,postgres,redis,gateway,news,volunteers,search,
 * notification-worker), CHAOS_OUTAGE_SECONDS (3: time between kill and restart), CHAOS_SETTLE_SECONDS (5: load after
 * recovery before the next fault), CHAOS_RECOVERY_TIMEOUT_SECONDS (120), CHAOS_QUIESCE_SECONDS (120),
 * CHAOS_APPLY_RATE (4/s), CHAOS_READ_RATE (15/s), CHAOS_SEARCH_RATE (2/s), CHAOS_PUBLISH_EVERY_MS (2500),
 * CHAOS_KEEP_DATABASE=1.
 */
import { DeadLetterHeaders, NotificationQueues } from '@birgemiz/contracts';
import { spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { Kafka, logLevel } from 'kafkajs';
import { sampleApplicationForm } from '@birgemiz/testing';
import { SmtpSink } from '../apps/volunteers/src/notifications/testing/smtp-sink';
import { BENCH_ADMIN, ROOT, sql, startBenchPlatform, type BenchPlatform } from './bench-platform';
import { freePort } from './process';

const env = process.env;
const num = (name: string, fallback: number) => Number(env[name] ?? fallback);
const SECONDS = num('CHAOS_SECONDS', 60);
const OUTAGE_MS = num('CHAOS_OUTAGE_SECONDS', 3) * 1000;
const SETTLE_MS = num('CHAOS_SETTLE_SECONDS', 5) * 1000;
const RECOVERY_TIMEOUT_MS = num('CHAOS_RECOVERY_TIMEOUT_SECONDS', 120) * 1000;
const QUIESCE_MS = num('CHAOS_QUIESCE_SECONDS', 120) * 1000;
const APPLY_RATE = num('CHAOS_APPLY_RATE', 4);
const READ_RATE = num('CHAOS_READ_RATE', 15);
const SEARCH_RATE = num('CHAOS_SEARCH_RATE', 2);
const PUBLISH_EVERY_MS = num('CHAOS_PUBLISH_EVERY_MS', 2500);
const CLIENT_TIMEOUT_MS = 15_000;
const ARTICLES_PER_WINDOW = 3;
const ALL_FAULTS = ['kafka', 'postgres', 'redis', 'gateway', 'news', 'volunteers', 'search', 'notification-worker'] as const;
type Fault = (typeof ALL_FAULTS)[number];
const FAULTS = (env.CHAOS_FAULTS ?? ALL_FAULTS.join(',')).split(',').map((s) => s.trim()).filter(Boolean) as Fault[];
const INFRA = join(ROOT, '.infra');
const RESULTS = join(ROOT, 'bench', 'results');
const RUN = Date.now().toString(36);
const MAIL_DOMAIN = 'chaos.birgemiz.test';
const REDIS_URL = env.REDIS_URL ?? 'redis://127.0.0.1:6379';
const BROKERS = (env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

function say(line: string): void {
  process.stdout.write(`[chaos] ${new Date().toISOString().slice(11, 19)} ${line}\n`);
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One fault window: from its kill (or the start of the load, for the baseline) to the next window's start. */
interface Window {
  name: string;
  startedAt: number;
  recoveryMs: number | null;
  restartMs: number | null;
  recovered: boolean;
  /** error answers from the gateway */
  status5xx: number;
  maxErrorLatencyMs: number;
  /** requests that got no HTTP answer: refused/reset connections (the gateway itself down) and client timeouts */
  connectionErrors: number;
  clientTimeouts: number;
  requests: number;
  /** client timeouts per route (method and path with ids replaced) */
  timeoutsByRoute: Record<string, number>;
  notes: string[];
}

const windows: Window[] = [];
let current = 0;

function newWindow(name: string): Window {
  const w: Window = { name, startedAt: Date.now(), recoveryMs: null, restartMs: null, recovered: false, status5xx: 0, maxErrorLatencyMs: 0, connectionErrors: 0, clientTimeouts: 0, requests: 0, timeoutsByRoute: {}, notes: [] };
  windows.push(w);
  current = windows.length - 1;
  return w;
}

interface Answer {
  status: number;
  body: any;
  latencyMs: number;
  /** no HTTP answer: 'timeout' or 'connection' */
  failure?: 'timeout' | 'connection';
}

let gatewayUrl = '';

/** One request of the load: recorded in the current window (status, error latency, connection failures). */
async function request(method: string, path: string, options: { body?: unknown; token?: string; headers?: Record<string, string>; window?: number } = {}): Promise<Answer> {
  const w = windows[options.window ?? current];
  const started = Date.now();
  w.requests += 1;
  try {
    const response = await fetch(`${gatewayUrl}${path}`, {
      method,
      headers: {
        ...(options.body ? { 'content-type': 'application/json' } : {}),
        ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
        ...options.headers,
      },
      body: options.body ? JSON.stringify(options.body) : undefined,
      signal: AbortSignal.timeout(CLIENT_TIMEOUT_MS),
    });
    const text = await response.text();
    const latencyMs = Date.now() - started;
    if (response.status >= 500) {
      w.status5xx += 1;
      w.maxErrorLatencyMs = Math.max(w.maxErrorLatencyMs, latencyMs);
    }
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = text;
    }
    return { status: response.status, body, latencyMs };
  } catch (error) {
    const latencyMs = Date.now() - started;
    const timeout = (error as Error).name === 'TimeoutError' || (error as Error).name === 'AbortError';
    if (timeout) {
      w.clientTimeouts += 1;
      const route = `${method} ${path.replace(/\?.*$/, '').replace(/[0-9a-f]{8}-[0-9a-f-]{27,}/g, ':id')}`;
      w.timeoutsByRoute[route] = (w.timeoutsByRoute[route] ?? 0) + 1;
    } else w.connectionErrors += 1;
    return { status: 0, body: undefined, latencyMs, failure: timeout ? 'timeout' : 'connection' };
  }
}

// ---------------------------------------------------------------------------------------------------------------- load

interface ApplicationRecord {
  email: string;
  key: string;
  window: number;
  accepted: boolean;
  attempts: number;
}
interface ArticleRecord {
  id: string | null;
  word: string;
  window: number;
  publishAccepted: boolean;
}

const applications: ApplicationRecord[] = [];
const articles: ArticleRecord[] = [];
/** Per view-target article: reads answered 200 (and when), and reads whose outcome is unknown (no answer). */
const views = new Map<string, { window: number; accepted: number; unknown: number; answeredAt: number[] }>();
/**
 * Times the gateway was SIGKILLed. Readers never wait for Kafka (the news issue asks for it), so the views of reads the
 * gateway answered in the last moments before a crash may not have been sent: reads answered within this margin
 * before a gateway kill count as "unsent at the kill" — neither lost nor doubled if missing — and are reported.
 */
const gatewayKills: number[] = [];
const VIEW_SEND_MARGIN_MS = 100;
const viewTargets: string[][] = [];
let token = '';
let loadRunning = false;
const inFlight = new Set<Promise<unknown>>();

function applicationForm(n: number, email: string) {
  return sampleApplicationForm(n, email, 'Chaos run');
}

/** An honest client: retries a timeout or 5xx with the same Idempotency-Key (a few times), then gives up. */
async function submitApplication(n: number): Promise<void> {
  const record: ApplicationRecord = { email: `chaos-${RUN}-${n}@${MAIL_DOMAIN}`, key: `chaos-${RUN}-${n}-${randomUUID()}`, window: current, accepted: false, attempts: 0 };
  applications.push(record);
  const form = applicationForm(n, record.email);
  for (let attempt = 1; attempt <= 4; attempt++) {
    record.attempts = attempt;
    const answer = await request('POST', '/api/v1/applications', { body: form, headers: { 'idempotency-key': record.key } });
    if (answer.status >= 200 && answer.status < 300) {
      record.accepted = true;
      return;
    }
    if (answer.status !== 0 && answer.status < 500 && answer.status !== 429) return;
    await sleep(1000 * attempt);
  }
}

async function login(): Promise<string> {
  for (;;) {
    const answer = await request('POST', '/api/v1/auth/login', { body: BENCH_ADMIN });
    if (answer.status === 200) return answer.body.accessToken as string;
    await sleep(1000);
  }
}

/** Staff writes: create an article with a unique word in its title, then publish it (publish retried; 409 = already). */
async function publishArticle(window: number, record?: ArticleRecord): Promise<ArticleRecord> {
  const word = record?.word ?? `chaosword${RUN}x${articles.length}`;
  const article: ArticleRecord = record ?? { id: null, word, window, publishAccepted: false };
  if (!record) articles.push(article);
  for (let attempt = 1; attempt <= 5 && !article.id; attempt++) {
    const created = await request('POST', '/api/v1/news/staff/articles', {
      token,
      body: { translations: { en: { title: `Chaos ${word} report`, summary: 'chaos run', body: `Article ${word} written during the chaos run.` } } },
    });
    if (created.status === 201) article.id = created.body.id as string;
    else if (created.status === 401) token = await login();
    else await sleep(1000 * attempt);
  }
  if (!article.id) return article;
  for (let attempt = 1; attempt <= 5; attempt++) {
    const published = await request('POST', `/api/v1/news/staff/articles/${article.id}/publish`, { token, body: {} });
    if (published.status === 200 || published.status === 409) {
      article.publishAccepted = published.status === 200 || article.publishAccepted;
      if (published.status === 409) article.publishAccepted = true;
      return article;
    }
    if (published.status === 401) token = await login();
    await sleep(1000 * attempt);
  }
  return article;
}

async function readArticle(): Promise<void> {
  const targets = viewTargets[current] ?? [];
  if (targets.length === 0) return;
  const id = targets[Math.floor(Math.random() * targets.length)];
  const counter = views.get(id)!;
  const answer = await request('GET', `/api/v1/news/articles/${id}`);
  if (answer.status === 200) {
    counter.accepted += 1;
    counter.answeredAt.push(Date.now());
  }
  // No answer at all: the gateway may have counted the read before its connection dropped.
  else if (answer.status === 0 || answer.status >= 500) counter.unknown += 1;
}

async function searchSomething(): Promise<void> {
  const done = articles.filter((a) => a.publishAccepted);
  const word = done.length > 0 ? done[Math.floor(Math.random() * done.length)].word : 'chaos';
  await request('GET', `/api/v1/search?q=${encodeURIComponent(word)}`);
}

/** Fires `task` at `rate` per second while the load runs (open loop: a slow answer does not slow the load down). */
function every(rate: number, task: () => Promise<void>): Promise<void> {
  if (rate <= 0) return Promise.resolve();
  const interval = 1000 / rate;
  return (async () => {
    let next = Date.now();
    while (loadRunning) {
      const p = task().catch((error) => say(`load task failed: ${(error as Error).message}`));
      inFlight.add(p);
      void p.finally(() => inFlight.delete(p));
      next += interval;
      await sleep(Math.max(0, next - Date.now()));
    }
  })();
}

function startLoad(): Promise<void[]> {
  loadRunning = true;
  let n = 0;
  let publishing = false;
  return Promise.all([
    every(APPLY_RATE, () => submitApplication(++n)),
    every(READ_RATE, readArticle),
    every(SEARCH_RATE, searchSomething),
    every(1000 / PUBLISH_EVERY_MS, async () => {
      // One staff member: one article at a time.
      if (publishing) return;
      publishing = true;
      try {
        await publishArticle(current);
      } finally {
        publishing = false;
      }
    }),
  ]);
}

// -------------------------------------------------------------------------------------------------------------- faults

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function readPid(file: string): number {
  const pid = Number(readFileSync(file, 'utf8').split('\n')[0].trim());
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no pid in ${file}`);
  return pid;
}

/** Processes whose parent is `pid` (PostgreSQL's backends and helpers). */
function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) out.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return out;
}

const INFRA_PID_FILES: Record<'kafka' | 'postgres' | 'redis', string> = {
  kafka: join(INFRA, 'kafka', 'kafka.pid'),
  postgres: join(INFRA, 'postgres', 'data', 'postmaster.pid'),
  redis: join(INFRA, 'redis', 'redis.pid'),
};

/** Whether scripts/infra started the component (status.sh says `ours`): only then is it ours to kill. */
function infraIsOurs(component: string): boolean {
  const run = spawnSync('bash', [join(ROOT, 'scripts/infra/status.sh'), component], { cwd: ROOT, env });
  return `${run.stdout}`.includes('ours') && existsSync(INFRA_PID_FILES[component as keyof typeof INFRA_PID_FILES]);
}

async function waitUntil(what: string, check: () => Promise<boolean> | boolean, timeoutMs: number, intervalMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(intervalMs);
  }
}

async function killInfra(component: 'kafka' | 'postgres' | 'redis'): Promise<void> {
  const pid = readPid(INFRA_PID_FILES[component]);
  // A crash of the whole server: PostgreSQL's postmaster with its backends and helper processes at once.
  const victims = component === 'postgres' ? [pid, ...childrenOf(pid)] : [pid];
  for (const victim of victims) {
    try {
      process.kill(victim, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  await waitUntil(`${component} to die`, () => victims.every((v) => !isAlive(v)), 15_000, 20);
}

/** `scripts/infra/up.sh <component>`, asynchronously: the load (and its clocks) must keep running meanwhile. */
function restartInfra(component: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('bash', [join(ROOT, 'scripts/infra/up.sh'), component], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`up.sh ${component} exited with ${code}: ${stderr.slice(-2000)}`))));
  });
}

async function probe(): Promise<boolean> {
  const ready = await fetch(`${gatewayUrl}/health/ready`, { signal: AbortSignal.timeout(5_000) });
  if (ready.status !== 200) return false;
  const target = viewTargets[0][0];
  // The probe's own reads are views too: count them as accepted reads of the baseline window's first article.
  const read = await fetch(`${gatewayUrl}/api/v1/news/articles/${target}`, { signal: AbortSignal.timeout(5_000) });
  await read.text();
  if (read.status === 200) views.get(target)!.accepted += 1;
  else if (read.status >= 500) views.get(target)!.unknown += 1;
  const search = await fetch(`${gatewayUrl}/api/v1/search?q=chaos`, { signal: AbortSignal.timeout(5_000) });
  await search.text();
  const campaigns = await fetch(`${gatewayUrl}/api/v1/campaigns`, { signal: AbortSignal.timeout(5_000) });
  await campaigns.text();
  return read.status === 200 && search.status === 200 && campaigns.status === 200;
}

async function inject(platform: BenchPlatform, sink: SmtpSink, fault: Fault, w: Window): Promise<void> {
  const killedAt = w.startedAt;
  if (fault === 'kafka' || fault === 'postgres' || fault === 'redis') {
    await killInfra(fault);
    say(`${fault}: SIGKILLed`);
    await sleep(OUTAGE_MS);
    const t = Date.now();
    await restartInfra(fault);
    w.restartMs = Date.now() - t;
  } else {
    if (fault === 'gateway') gatewayKills.push(Date.now());
    await platform.kill(fault, 'SIGKILL');
    say(`${fault}: SIGKILLed`);
    await sleep(OUTAGE_MS);
    const t = Date.now();
    await platform.start(fault);
    w.restartMs = Date.now() - t;
  }
  say(`${fault}: restarted in ${w.restartMs} ms; waiting for readiness and a probe`);
  // The notification worker serves no request: it has recovered once e-mails reach the sink again.
  const mailsAtRestart = sink.messages.length;
  const recovered = fault === 'notification-worker' ? async () => (await probe()) && sink.messages.length > mailsAtRestart : probe;
  try {
    await waitUntil(`recovery from the ${fault} fault`, recovered, RECOVERY_TIMEOUT_MS, 250);
    w.recovered = true;
    w.recoveryMs = Date.now() - killedAt;
    say(`${fault}: recovered ${(w.recoveryMs / 1000).toFixed(1)} s after the kill`);
  } catch (error) {
    w.notes.push(`not recovered within ${RECOVERY_TIMEOUT_MS / 1000} s`);
    say(`${fault}: NOT recovered: ${(error as Error).message}`);
  }
}

// -------------------------------------------------------------------------------------------------------- verification

interface Tally {
  lost: number;
  duplicated: number;
  details: string[];
}

interface Verification {
  perWindow: Tally[];
  totals: Record<string, number>;
  backlog: { newsOutbox: number; volunteersOutbox: number; emailQueue: number };
  deadLetters: { total: number; withoutReason: number };
}

async function backlog(databaseUrl: string, queue: Queue): Promise<Verification['backlog']> {
  const [newsOutbox, volunteersOutbox] = await sql(databaseUrl, async (c) => [
    Number((await c.query(`SELECT count(*) AS n FROM news.outbox_events WHERE published_at IS NULL`)).rows[0].n),
    Number((await c.query(`SELECT count(*) AS n FROM volunteers.outbox_events WHERE published_at IS NULL`)).rows[0].n),
  ]);
  const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'waiting-children');
  const emailQueue = Object.values(counts).reduce((a, b) => a + (b ?? 0), 0);
  return { newsOutbox, volunteersOutbox, emailQueue };
}

async function verify(databaseUrl: string, sink: SmtpSink, queue: Queue, deadLetters: Verification['deadLetters']): Promise<Verification> {
  const perWindow: Tally[] = windows.map(() => ({ lost: 0, duplicated: 0, details: [] }));
  const totals: Record<string, number> = {
    applicationsSent: applications.length,
    applicationsAccepted: applications.filter((a) => a.accepted).length,
    applicationsStored: 0,
    applicationsLost: 0,
    applicationsDuplicated: 0,
    storedButNotAccepted: 0,
    emailsMissing: 0,
    emailsDuplicated: 0,
    emailRedeliveriesSameMessageId: 0,
    articlesPublished: 0,
    articlesPublishAccepted: articles.filter((a) => a.publishAccepted).length,
    articlesNotSearchable: 0,
    articlesDuplicatedInSearch: 0,
    articlesPublishLost: 0,
    viewsAccepted: 0,
    viewsCounted: 0,
    viewsLost: 0,
    viewsUnsentAtGatewayKill: 0,
    viewsDuplicated: 0,
  };
  const add = (window: number, kind: 'lost' | 'duplicated', n: number, what: string) => {
    if (n <= 0) return;
    perWindow[window][kind] += n;
    if (perWindow[window].details.length < 20) perWindow[window].details.push(what);
  };

  // Applications: stored once each, one confirmation e-mail each.
  const stored = await sql(databaseUrl, async (c) =>
    (await c.query(`SELECT email, count(*)::int AS n FROM volunteers.applications WHERE email LIKE $1 GROUP BY email`, [`%@${MAIL_DOMAIN}`])).rows as { email: string; n: number }[],
  );
  const storedBy = new Map(stored.map((r) => [r.email.toLowerCase(), r.n]));
  const mail = new Map<string, { count: number; ids: Set<string> }>();
  for (const message of sink.messages) {
    for (const to of message.to) {
      const entry = mail.get(to) ?? { count: 0, ids: new Set<string>() };
      entry.count += 1;
      entry.ids.add(message.messageId);
      mail.set(to, entry);
    }
  }
  for (const a of applications) {
    const n = storedBy.get(a.email.toLowerCase()) ?? 0;
    totals.applicationsStored += Math.min(n, 1);
    if (n > 1) {
      totals.applicationsDuplicated += n - 1;
      add(a.window, 'duplicated', n - 1, `application ${a.email} stored ${n} times`);
    }
    if (a.accepted && n === 0) {
      totals.applicationsLost += 1;
      add(a.window, 'lost', 1, `application ${a.email} accepted but not stored`);
    }
    if (!a.accepted && n > 0) totals.storedButNotAccepted += 1;
    if (n === 0) continue;
    const got = mail.get(a.email.toLowerCase());
    const distinct = got?.ids.size ?? 0;
    if (distinct === 0) {
      totals.emailsMissing += 1;
      add(a.window, 'lost', 1, `application ${a.email}: no confirmation e-mail`);
    } else if (distinct > 1) {
      totals.emailsDuplicated += distinct - 1;
      add(a.window, 'duplicated', distinct - 1, `application ${a.email}: ${distinct} distinct confirmation e-mails`);
    }
    if (got && got.count > distinct) {
      // The same message (same Message-ID) delivered again: a receiver drops it; counted as a duplicate all the same.
      totals.emailRedeliveriesSameMessageId += got.count - distinct;
      add(a.window, 'duplicated', got.count - distinct, `application ${a.email}: the confirmation delivered ${got.count} times (same Message-ID)`);
    }
  }

  // Articles: every published one searchable, exactly once; every accepted publish really published.
  const published = await sql(databaseUrl, async (c) =>
    (
      await c.query(
        `SELECT a.id, t.title, a.first_published_at FROM news.articles a JOIN news.article_translations t ON t.article_id = a.id AND t.locale = 'en' WHERE a.status = 'published'`,
      )
    ).rows as { id: string; title: string; first_published_at: Date }[],
  );
  totals.articlesPublished = published.length;
  const publishedIds = new Set(published.map((p) => p.id));
  const windowAt = (t: number) => {
    let k = 0;
    for (let i = 0; i < windows.length; i++) if (windows[i].startedAt <= t) k = i;
    return k;
  };
  for (const a of articles) {
    if (a.publishAccepted && a.id && !publishedIds.has(a.id)) {
      totals.articlesPublishLost += 1;
      add(a.window, 'lost', 1, `article ${a.id}: publish answered 200 but it is not published`);
    }
  }
  for (const p of published) {
    const word = /Chaos (\S+) report/.exec(p.title)?.[1];
    if (!word) continue;
    const record = articles.find((a) => a.word === word);
    const window = record?.window ?? windowAt(new Date(p.first_published_at).getTime());
    const answer = await fetch(`${gatewayUrl}/api/v1/search?q=${encodeURIComponent(word)}&pageSize=50`, { signal: AbortSignal.timeout(10_000) });
    const body = answer.status === 200 ? ((await answer.json()) as { hits?: { articleId: string }[] }) : undefined;
    if (!body) {
      totals.articlesNotSearchable += 1;
      add(window, 'lost', 1, `article ${p.id}: search answered ${answer.status}`);
      continue;
    }
    const hits = (body.hits ?? []).filter((h) => h.articleId === p.id).length;
    if (hits === 0) {
      totals.articlesNotSearchable += 1;
      add(window, 'lost', 1, `article ${p.id} ("${word}") published but not found by search`);
    } else if (hits > 1) {
      totals.articlesDuplicatedInSearch += hits - 1;
      add(window, 'duplicated', hits - 1, `article ${p.id} found ${hits} times`);
    }
  }

  // Views: counted = accepted (give or take the reads whose answer was lost).
  const counts = await sql(databaseUrl, async (c) =>
    (await c.query(`SELECT id, view_count FROM news.articles WHERE id = ANY($1::uuid[])`, [[...views.keys()]])).rows as { id: string; view_count: string }[],
  );
  const countOf = new Map(counts.map((r) => [r.id, Number(r.view_count)]));
  for (const [id, v] of views) {
    const counted = countOf.get(id) ?? 0;
    const unsent = v.answeredAt.filter((t) => gatewayKills.some((k) => t <= k && t >= k - VIEW_SEND_MARGIN_MS)).length;
    totals.viewsAccepted += v.accepted;
    totals.viewsCounted += counted;
    totals.viewsUnsentAtGatewayKill += unsent;
    if (counted < v.accepted - unsent) {
      totals.viewsLost += v.accepted - unsent - counted;
      add(v.window, 'lost', v.accepted - unsent - counted, `article ${id}: ${v.accepted} views accepted (${unsent} just before a gateway kill), ${counted} counted`);
    } else if (counted > v.accepted + v.unknown) {
      totals.viewsDuplicated += counted - v.accepted - v.unknown;
      add(v.window, 'duplicated', counted - v.accepted - v.unknown, `article ${id}: ${v.accepted} views accepted (+${v.unknown} unanswered), ${counted} counted`);
    }
  }

  // Dead letters without a reason count as lost in the last window (they were not processed).
  if (deadLetters.withoutReason > 0) add(windows.length - 1, 'lost', deadLetters.withoutReason, `${deadLetters.withoutReason} dead letters without a reason`);
  return { perWindow, totals, backlog: await backlog(databaseUrl, queue), deadLetters };
}

/** End offsets of every dead-letter topic (to read only what this run added). */
async function deadLetterOffsets(kafka: Kafka): Promise<Map<string, Map<number, string>>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const topics = (await admin.listTopics()).filter((t) => t.endsWith('.dlt'));
    const out = new Map<string, Map<number, string>>();
    for (const topic of topics) out.set(topic, new Map((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p.high])));
    return out;
  } finally {
    await admin.disconnect();
  }
}

/** Reads the dead letters added since `before` and counts those without a reason header. */
async function readDeadLetters(kafka: Kafka, before: Map<string, Map<number, string>>): Promise<Verification['deadLetters']> {
  const after = await deadLetterOffsets(kafka);
  const pending: { topic: string; partition: number; from: string; to: string }[] = [];
  for (const [topic, partitions] of after) {
    for (const [partition, high] of partitions) {
      const from = before.get(topic)?.get(partition) ?? '0';
      if (BigInt(high) > BigInt(from)) pending.push({ topic, partition, from, to: high });
    }
  }
  const total = pending.reduce((n, p) => n + Number(BigInt(p.to) - BigInt(p.from)), 0);
  if (total === 0) return { total: 0, withoutReason: 0 };
  let seen = 0;
  let withoutReason = 0;
  const consumer = kafka.consumer({ groupId: `chaos-dlt-reader-${RUN}` });
  await consumer.connect();
  await consumer.subscribe({ topics: [...new Set(pending.map((p) => p.topic))], fromBeginning: true });
  const done = new Promise<void>((resolve) => {
    void consumer.run({
      eachMessage: async ({ topic, partition, message }) => {
        const range = pending.find((p) => p.topic === topic && p.partition === partition);
        if (!range || BigInt(message.offset) < BigInt(range.from) || BigInt(message.offset) >= BigInt(range.to)) return;
        seen += 1;
        const reason = message.headers?.[DeadLetterHeaders.Reason];
        if (!reason || `${reason}`.trim() === '') withoutReason += 1;
        if (seen >= total) resolve();
      },
    });
  });
  for (const p of pending) consumer.seek({ topic: p.topic, partition: p.partition, offset: p.from });
  await Promise.race([done, sleep(30_000)]);
  await consumer.disconnect();
  // A dead letter that could not be read back is reported as one without a reason.
  return { total, withoutReason: withoutReason + (total - seen) };
}

// ---------------------------------------------------------------------------------------------------------------- main


function preflight(): void {
  for (const fault of FAULTS) if (!(ALL_FAULTS as readonly string[]).includes(fault)) throw new Error(`unknown fault ${fault} (CHAOS_FAULTS)`);
  for (const component of ['kafka', 'postgres', 'redis'] as const) {
    if (FAULTS.includes(component) && !infraIsOurs(component)) {
      throw new Error(`${component} was not started by this checkout's scripts/infra/up.sh, so it is not ours to kill (run npm run infra:up, or leave it out of CHAOS_FAULTS)`);
    }
  }
  if (!existsSync(join(ROOT, 'dist/apps/gateway/src/main.js'))) throw new Error('dist/ is missing: run npm run build');
}

async function main(): Promise<void> {
  const t0 = Date.now();
  preflight();
  const sink = await new SmtpSink().start();
  const port = await freePort();
  const logDir = join(INFRA, 'chaos-logs', RUN);
  const prefix = `chaos-${RUN}`;
  const platform = await startBenchPlatform(
    ['news', 'volunteers', 'notification-worker', 'search', 'gateway'],
    {
      PORT: String(port),
      LOG_LEVEL: env.CHAOS_LOG_LEVEL ?? 'info',
      SMTP_URL: sink.url,
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      NOTIFICATION_QUEUE_PREFIX: prefix,
      // Durability as in production: a commit is acknowledged only once it is on disk (the local cluster's default is
      // synchronous_commit = off, which loses the last fraction of a second of commits when the server crashes). Set
      // for every connection of the apps from their first one (node-pg reads PGOPTIONS); a database-level setting would
      // miss the connections the apps opened at start-up.
      PGOPTIONS: '-c synchronous_commit=on',
      NOTIFICATION_BACKOFF_MS: '500',
      APPLICATION_RATE_LIMIT_PER_IP: '10000000',
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      KAFKA_HEARTBEAT_INTERVAL_MS: '500',
      REQUEST_TIMEOUT_MS: '3000',
      HEALTH_TIMEOUT_MS: '1500',
    },
    { logDir },
  );
  gatewayUrl = platform.gatewayUrl;
  say(`platform up on ${gatewayUrl} (database ${new URL(platform.databaseUrl).pathname.slice(1)}, app logs ${logDir})`);
  const kafka = new Kafka({ clientId: `chaos-${RUN}`, brokers: BROKERS, logLevel: logLevel.NOTHING });
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  redis.on('error', () => undefined);
  const queue = new Queue(NotificationQueues.Email, { connection: redis, prefix });
  queue.on('error', () => undefined);
  let exitCode = 0;
  try {
    const dltBefore = await deadLetterOffsets(kafka);
    newWindow('none (baseline)');
    await waitUntil('the platform to be ready', async () => (await fetch(`${gatewayUrl}/health/ready`)).status === 200, 90_000, 250);
    token = await login();
    // Articles whose views each window counts: published before the load starts.
    const windowNames = ['baseline', ...FAULTS];
    for (let k = 0; k < windowNames.length; k++) {
      viewTargets[k] = [];
      for (let i = 0; i < ARTICLES_PER_WINDOW; i++) {
        const a = await publishArticle(0, { id: null, word: `chaosview${RUN}w${k}a${i}`, window: 0, publishAccepted: false });
        articles.push(a);
        if (!a.id || !a.publishAccepted) throw new Error('could not publish the view-target articles');
        viewTargets[k].push(a.id);
        views.set(a.id, { window: k, accepted: 0, unknown: 0, answeredAt: [] });
      }
    }
    windows[0].startedAt = Date.now();
    say(`load: ${APPLY_RATE} applications/s, ${READ_RATE} reads/s, ${SEARCH_RATE} searches/s, one article every ${PUBLISH_EVERY_MS} ms; faults: ${FAULTS.join(', ')}`);
    const load = startLoad();
    const loadStarted = Date.now();
    const firstFaultAt = loadStarted + Math.max(SETTLE_MS, Math.min(10_000, (SECONDS * 1000) / (FAULTS.length + 1)));
    await sleep(firstFaultAt - Date.now());
    for (const fault of FAULTS) {
      const w = newWindow(fault);
      await inject(platform, sink, fault, w);
      await sleep(SETTLE_MS);
    }
    const loadEnd = loadStarted + SECONDS * 1000;
    if (Date.now() < loadEnd) await sleep(loadEnd - Date.now());
    loadRunning = false;
    await load;
    await Promise.allSettled([...inFlight]);
    say(`load stopped after ${Math.round((Date.now() - loadStarted) / 1000)} s; waiting for the platform to be quiet (up to ${QUIESCE_MS / 1000} s)`);

    // Quiescence: outboxes drained, e-mail queue empty, and the checks stable (or clean).
    const quietDeadline = Date.now() + QUIESCE_MS;
    let result: Verification;
    let lastKey = '';
    let stableSince = Date.now();
    for (;;) {
      result = await verify(platform.databaseUrl, sink, queue, { total: 0, withoutReason: 0 });
      const b = result.backlog;
      const drained = b.newsOutbox === 0 && b.volunteersOutbox === 0 && b.emailQueue === 0;
      const clean = result.perWindow.every((t) => t.lost === 0 && t.duplicated === 0);
      const key = JSON.stringify([result.totals, b]);
      if (key !== lastKey) {
        lastKey = key;
        stableSince = Date.now();
      }
      if (drained && (clean || Date.now() - stableSince > 20_000)) break;
      if (Date.now() > quietDeadline) {
        say(`not quiet after ${QUIESCE_MS / 1000} s: ${JSON.stringify(b)}`);
        break;
      }
      await sleep(2_000);
    }
    const deadLetters = await readDeadLetters(kafka, dltBefore);
    result = await verify(platform.databaseUrl, sink, queue, deadLetters);
    exitCode = report(result, Date.now() - t0);
  } catch (error) {
    say(`failed: ${(error as Error).stack ?? error}`);
    exitCode = 1;
  } finally {
    loadRunning = false;
    await queue.close().catch(() => undefined);
    redis.disconnect();
    if (env.CHAOS_KEEP_DATABASE === '1') say(`keeping the database ${platform.databaseUrl}`);
    await platform.stop().catch((error) => say(`stopping the platform: ${(error as Error).message}`));
    await sink.stop();
  }
  process.exit(exitCode);
}

function report(result: Verification, elapsedMs: number): number {
  const machine = `${new Date().toISOString()}, Node ${process.version}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`;
  const rows = windows.map((w, i) => ({
    fault: w.name,
    recoverySeconds: w.recoveryMs === null ? null : Math.round(w.recoveryMs / 100) / 10,
    restartSeconds: w.restartMs === null ? null : Math.round(w.restartMs / 100) / 10,
    recovered: i === 0 ? true : w.recovered,
    lost: result.perWindow[i].lost,
    duplicated: result.perWindow[i].duplicated,
    status5xx: w.status5xx,
    maxErrorLatencyMs: w.maxErrorLatencyMs,
    connectionErrors: w.connectionErrors,
    clientTimeouts: w.clientTimeouts,
    requests: w.requests,
    details: result.perWindow[i].details,
    notes: [...w.notes, ...Object.entries(w.timeoutsByRoute).map(([route, n]) => `${n} client timeouts (no answer within ${CLIENT_TIMEOUT_MS / 1000} s) on ${route}`)],
  }));
  const table = [
    '| fault (SIGKILL + restart) | recovery time | lost | duplicated | 5xx | max 5xx latency | no answer (refused / timed out) | requests |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map(
      (r) =>
        `| ${r.fault} | ${r.fault.startsWith('none') ? '–' : r.recoverySeconds === null ? 'not recovered' : `${r.recoverySeconds} s`} | ${r.lost} | ${r.duplicated} | ${r.status5xx} | ${r.status5xx ? `${r.maxErrorLatencyMs} ms` : '–'} | ${r.connectionErrors} / ${r.clientTimeouts} | ${r.requests} |`,
    ),
  ].join('\n');
  const t = result.totals;
  const summary = [
    `applications: ${t.applicationsSent} sent, ${t.applicationsAccepted} accepted, ${t.applicationsStored} stored (${t.storedButNotAccepted} stored without a 2xx), ${t.applicationsLost} lost, ${t.applicationsDuplicated} doubled; confirmation e-mails: ${t.emailsMissing} missing, ${t.emailsDuplicated} doubled, ${t.emailRedeliveriesSameMessageId} redelivered`,
    `articles: ${t.articlesPublished} published (${t.articlesPublishAccepted} publishes answered 200), ${t.articlesNotSearchable} not searchable, ${t.articlesDuplicatedInSearch} doubled in search, ${t.articlesPublishLost} accepted publishes lost`,
    `views: ${t.viewsAccepted} accepted, ${t.viewsCounted} counted, ${t.viewsLost} lost, ${t.viewsDuplicated} doubled, ${t.viewsUnsentAtGatewayKill} answered within 100 ms before a gateway kill`,
    `dead letters added: ${result.deadLetters.total}, without a reason: ${result.deadLetters.withoutReason}`,
    `backlog at the end: news outbox ${result.backlog.newsOutbox}, volunteers outbox ${result.backlog.volunteersOutbox}, e-mail queue ${result.backlog.emailQueue}`,
    `run took ${Math.round(elapsedMs / 1000)} s`,
  ];
  const details = rows.flatMap((r) => [...r.details, ...r.notes].map((d) => `- ${r.fault}: ${d}`));
  const failed = rows.some((r) => r.lost > 0 || r.duplicated > 0 || !r.recovered || r.clientTimeouts > 0) || result.deadLetters.withoutReason > 0;
  mkdirSync(RESULTS, { recursive: true });
  const settings = { seconds: SECONDS, faults: FAULTS, outageSeconds: OUTAGE_MS / 1000, settleSeconds: SETTLE_MS / 1000, applyRate: APPLY_RATE, readRate: READ_RATE, searchRate: SEARCH_RATE, publishEveryMs: PUBLISH_EVERY_MS };
  writeFileSync(join(RESULTS, 'chaos.json'), `${JSON.stringify({ machine, settings, rows, totals: t, deadLetters: result.deadLetters, backlog: result.backlog, elapsedSeconds: Math.round(elapsedMs / 1000), passed: !failed }, null, 2)}\n`);
  const md = `# Chaos run\n\n${machine}\n\n\`npm run chaos\` (${JSON.stringify(settings)})\n\n${table}\n\n${summary.map((s) => `- ${s}`).join('\n')}\n${details.length ? `\n## Findings\n\n${details.join('\n')}\n` : ''}`;
  writeFileSync(join(RESULTS, 'chaos.md'), md);
  process.stdout.write(`\n${machine}\n\n${table}\n\n${summary.join('\n')}\n${details.length ? `\n${details.join('\n')}\n` : ''}\n${failed ? 'FAILED' : 'PASSED'}: results in bench/results/chaos.{json,md}\n`);
  return failed ? 1 : 0;
}

void main();
