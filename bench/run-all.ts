/**
 * `npm run bench`: every benchmark of the platform in one run, then one JSON and one Markdown table
 * (bench/results/summary.json, bench/results/summary.md). Each scenario starts its own apps from dist/ against a fresh
 * database; the infrastructure must be up (npm run infra:up). Sizes default small enough for a few minutes on two
 * cores: BENCH_ARTICLES (search, 20,000; the search scenario also times publish-to-searchable, BENCH_PUBLICATIONS 100),
 * BENCH_SUBSCRIBERS (newsletter, 10,000). The environment reaches every scenario, so BENCH_SECONDS, when set, times
 * each of them; unset, each keeps its own default (applications 20 s, the others 10 s, transport 5 s a step);
 * BENCH_ONLY=gateway,news,applications,newsletter,search,transport picks scenarios.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const RESULTS = join(ROOT, 'bench', 'results');

interface Scenario {
  name: string;
  script: string;
  result: string;
  env: Record<string, string>;
  rows: (json: any) => Row[];
}

interface Row {
  scenario: string;
  throughput: string;
  p50: string;
  p95OrP99: string;
  errors: string;
  target: string;
  met: boolean | null;
}

const ms = (v: number | undefined) => (v === undefined ? '–' : `${v} ms`);

const SCENARIOS: Scenario[] = [
  {
    name: 'gateway',
    script: 'dist/bench/gateway-health.js',
    result: 'gateway-health.json',
    env: {},
    rows: (j) =>
      j.results.map((r: any) => ({
        scenario: r.name,
        throughput: `${r.requestsPerSecond} req/s (×${r.ratio})`,
        p50: ms(r.latencyP50Ms),
        p95OrP99: `p99 ${ms(r.latencyP99Ms)}`,
        errors: String(r.errors + r.non2xx),
        target: '—',
        met: null,
      })),
  },
  {
    name: 'news',
    script: 'dist/bench/news-bench.js',
    result: 'news.json',
    env: {},
    rows: (j) => [
      { scenario: 'uncached article read at 200 req/s', throughput: `${j.read.at200rps.achievedRps} req/s`, p50: ms(j.read.at200rps.p50Ms), p95OrP99: `p99 ${ms(j.read.at200rps.p99Ms)}`, errors: String(j.read.at200rps.errors + j.read.at200rps.non2xx), target: 'p50 ≤ 5 ms, p99 ≤ 30 ms', met: j.read.at200rps.p50Ms <= 5 && j.read.at200rps.p99Ms <= 30 },
      { scenario: 'uncached article read, maximum (one article)', throughput: `${j.read.maximum.rps} req/s`, p50: ms(j.read.maximum.p50Ms), p95OrP99: `p99 ${ms(j.read.maximum.p99Ms)}`, errors: String(j.read.maximum.errors + j.read.maximum.non2xx), target: '≥ 2,000 req/s', met: j.read.maximum.rps >= 2000 },
      { scenario: `uncached article read, maximum (spread over ${j.read.maximumSpread.articles} articles)`, throughput: `${j.read.maximumSpread.rps} req/s`, p50: ms(j.read.maximumSpread.p50Ms), p95OrP99: `p99 ${ms(j.read.maximumSpread.p99Ms)}`, errors: String(j.read.maximumSpread.errors + j.read.maximumSpread.non2xx), target: '≥ 2,000 req/s', met: j.read.maximumSpread.rps >= 2000 },
      { scenario: 'cached article read vs bare route', throughput: `${j.read.cached.rps} req/s (×${j.read.cached.ratioToBaseline})`, p50: ms(j.read.cached.p50Ms), p95OrP99: `p99 ${ms(j.read.cached.p99Ms)}`, errors: String(j.read.cached.errors + j.read.cached.non2xx), target: '≥ 0.6 × bare route', met: j.read.cached.ratioToBaseline >= 0.6 },
      { scenario: 'latest news (10), uncached, maximum', throughput: `${j.latest.uncached.rps} req/s`, p50: ms(j.latest.uncached.p50Ms), p95OrP99: `p99 ${ms(j.latest.uncached.p99Ms)}`, errors: String(j.latest.uncached.errors + j.latest.uncached.non2xx), target: '—', met: null },
      { scenario: 'latest news (10), cached, vs bare route', throughput: `${j.latest.cached.rps} req/s (×${j.latest.cached.ratioToBaseline})`, p50: ms(j.latest.cached.p50Ms), p95OrP99: `p99 ${ms(j.latest.cached.p99Ms)}`, errors: String(j.latest.cached.errors + j.latest.cached.non2xx), target: '≥ 0.6 × bare route', met: j.latest.cached.ratioToBaseline >= 0.6 },
      { scenario: 'view ingestion', throughput: `${j.views.burst.viewsPerSecond} views/s`, p50: '–', p95OrP99: '–', errors: `${j.views.lost} lost`, target: '≥ 10,000/s, none lost', met: j.views.burst.viewsPerSecond >= 10000 && j.views.lost === 0 },
    ],
  },
  {
    name: 'applications',
    script: 'dist/bench/applications-bench.js',
    result: 'applications.json',
    env: {},
    rows: (j) => [
      { scenario: `application submissions at ${j.sustained.rate}/s (paced)`, throughput: `${j.sustained.achievedRps} req/s`, p50: ms(j.sustained.p50Ms), p95OrP99: `p99 ${ms(j.sustained.p99Ms)}`, errors: `${j.sustained.errors + j.sustained.non2xx} errors, ${j.lost} lost`, target: '≥ 500/s, p99 ≤ 50 ms, none lost', met: j.sustained.rate >= 500 && j.sustained.achievedRps >= 0.98 * j.sustained.rate && j.sustained.p99Ms <= 50 && j.sustained.errors + j.sustained.non2xx === 0 && j.lost === 0 },
      { scenario: 'application submissions, maximum', throughput: `${j.maximum.requestsPerSecond} req/s`, p50: ms(j.maximum.latencyP50Ms), p95OrP99: `p99 ${ms(j.maximum.latencyP99Ms)}`, errors: String(j.maximum.errors + j.maximum.non2xx), target: '—', met: null },
      {
        scenario: `thank-you e-mails of those submissions (workers: ${j.emailWorkers})`,
        throughput: j.allEmailsDeliveredSecondsAfterLoad === null ? 'not all within the wait' : `all ${j.allEmailsDeliveredSecondsAfterLoad} s after the load`,
        p50: '–',
        p95OrP99: '–',
        errors: `${Math.max(0, j.storedInDatabase - j.thankYouEmailsDelivered)} undelivered`,
        target: 'every stored application gets its e-mail',
        met: j.thankYouEmailsDelivered >= j.storedInDatabase,
      },
    ],
  },
  {
    name: 'newsletter',
    script: 'dist/bench/newsletter-bench.js',
    result: 'newsletter.json',
    env: { BENCH_SUBSCRIBERS: process.env.BENCH_SUBSCRIBERS ?? '10000' },
    rows: (j) => [
      { scenario: `newsletter fan-out (${j.subscribers} subscribers)`, throughput: `${j.deliveredPerSecond} e-mails/s`, p50: '–', p95OrP99: '–', errors: `${j.subscribers - j.delivered} undelivered`, target: 'enqueue ≤ 10 s, ≥ 500/s', met: j.enqueueSeconds <= 10 && j.deliveredPerSecond >= 500 },
    ],
  },
  {
    name: 'search',
    script: 'dist/bench/search-bench.js',
    result: 'search.json',
    env: { BENCH_ARTICLES: process.env.BENCH_ARTICLES ?? '20000' },
    rows: (j) => [
      { scenario: `search reindex (${j.articles} articles)`, throughput: `${j.reindexSeconds} s`, p50: '–', p95OrP99: '–', errors: '–', target: '≤ 120 s (100,000)', met: null },
      ...(['rare', 'common', 'typo'] as const).flatMap((k) => {
        const { paced, closedLoop } = j.search[k];
        const failed = paced.errors + paced.non2xx;
        return [
          {
            scenario: `public search, ${k} word, at ${paced.rate}/s`,
            throughput: `${paced.achievedRps} req/s`,
            p50: ms(paced.p50Ms),
            p95OrP99: `p95 ${ms(paced.p95Ms)}`,
            errors: String(failed),
            target: 'p95 ≤ 50 ms',
            met: paced.p95Ms <= 50 && failed === 0,
          },
          {
            scenario: `public search, ${k} word, ${closedLoop.clients} clients (maximum)`,
            throughput: `${closedLoop.rps} req/s`,
            p50: ms(closedLoop.p50Ms),
            p95OrP99: `p95 ${ms(closedLoop.p95Ms)}`,
            errors: String(closedLoop.errors),
            target: '—',
            met: null,
          },
        ];
      }),
      {
        scenario: `publish → searchable (${j.publishToSearchable.publications} publications)`,
        throughput: '–',
        p50: ms(j.publishToSearchable.p50Ms ?? undefined),
        p95OrP99: `p95 ${ms(j.publishToSearchable.p95Ms ?? undefined)}, max ${ms(j.publishToSearchable.maxMs ?? undefined)}`,
        errors: `${j.publishToSearchable.missed} not found in 10 s`,
        target: 'p95 ≤ 1 s',
        met: j.publishToSearchable.missed === 0 && j.publishToSearchable.p95Ms <= 1000,
      },
    ],
  },
  {
    name: 'transport',
    script: 'dist/bench/request-reply-bench.js',
    result: 'request-reply.json',
    env: {},
    rows: (j) =>
      j.steps.map((step: any) => ({
        scenario: `${step.transport}, ${step.concurrency} in flight`,
        throughput: `${step.rps} req/s`,
        p50: ms(Number(step.p50.toFixed(1))),
        p95OrP99: `p99 ${ms(Number(step.p99.toFixed(1)))}`,
        errors: String(step.errors),
        target: '—',
        met: null,
      })),
  },
];

function main(): void {
  const only = process.env.BENCH_ONLY?.split(',').map((s) => s.trim());
  const rows: Row[] = [];
  const memory: { scenario: string; rss: Record<string, number> }[] = [];
  const failures: string[] = [];
  mkdirSync(RESULTS, { recursive: true });
  for (const [i, scenario] of SCENARIOS.filter((s) => !only || only.includes(s.name)).entries()) {
    // The previous scenario's apps have just stopped: give the broker and the database a moment to settle.
    if (i > 0) spawnSync('sleep', ['5']);
    process.stdout.write(`\n[bench] === ${scenario.name} ===\n`);
    const run = spawnSync(process.execPath, [join(ROOT, scenario.script)], {
      cwd: ROOT,
      env: { ...process.env, ...scenario.env },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
    const file = join(RESULTS, scenario.result);
    if (run.status !== 0 || !existsSync(file)) {
      failures.push(scenario.name);
      continue;
    }
    const json = JSON.parse(readFileSync(file, 'utf8'));
    rows.push(...scenario.rows(json));
    const rss = json.rssBytesUnderLoad ?? json.rssBytes;
    if (rss) memory.push({ scenario: scenario.name, rss });
  }
  const machine = `${new Date().toISOString()}, Node ${process.version}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB`;
  const table = [
    '| scenario | throughput | p50 | p95/p99 | errors | target | met |',
    '| --- | ---: | ---: | ---: | ---: | --- | --- |',
    ...rows.map((r) => `| ${r.scenario} | ${r.throughput} | ${r.p50} | ${r.p95OrP99} | ${r.errors} | ${r.target} | ${r.met === null ? '—' : r.met ? 'yes' : 'no'} |`),
  ].join('\n');
  const processes = [...new Set(memory.flatMap((m) => Object.keys(m.rss)))];
  const mib = (bytes: number | undefined) => (bytes ? `${Math.round(bytes / 2 ** 20)} MiB` : '–');
  const memoryTable = [
    `| scenario | ${processes.join(' | ')} |`,
    `| --- | ${processes.map(() => '---:').join(' | ')} |`,
    ...memory.map((m) => `| ${m.scenario} | ${processes.map((p) => mib(m.rss[p])).join(' | ')} |`),
  ].join('\n');
  const markdown = `${table}\n\nResident memory under load (RSS):\n\n${memoryTable}\n`;
  writeFileSync(join(RESULTS, 'summary.json'), `${JSON.stringify({ machine, rows, memory, failures }, null, 2)}\n`);
  writeFileSync(join(RESULTS, 'summary.md'), `# Benchmarks\n\n${machine}\n\n${markdown}`);
  process.stdout.write(`\n${machine}\n\n${markdown}`);
  if (failures.length > 0) {
    process.stderr.write(`\n[bench] failed: ${failures.join(', ')}\n`);
    process.exit(1);
  }
}

main();
