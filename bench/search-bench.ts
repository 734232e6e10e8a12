/**
 * Search benchmark on the PostgreSQL engine, through the gateway (public search):
 *  - generates BENCH_ARTICLES (100,000) published multilingual articles straight into the news database
 *    (SQL generate_series over word lists; generated data lives only in the benchmark's throw-away database),
 *  - rebuilds the search index from the news service (the full reindex path: news export over Kafka → index) and
 *    times it (target ≤ 120 s),
 *  - measures p50 / p95 of public searches for a rare word, a common word and a typo'd word (target p95 ≤ 50 ms)
 *    at a steady BENCH_SEARCH_RATE (50) searches per second for BENCH_SECONDS each, after 3 s of the same (open loop: a request is sent
 *    when due and timed from then), and the throughput of BENCH_CONCURRENCY (8) closed-loop clients — with every
 *    process of the platform on two cores, their latency is mostly waiting for the others' turn,
 *  - publish-to-searchable: BENCH_PUBLICATIONS (100) articles created and published through the gateway, one at a
 *    time, each with a word of its own; the time from the publish answer until public search finds the word
 *    (polled every 20 ms), p50 / p95 / max (target p95 ≤ 1 s).
 *   npm run build && flock .infra/e2e.lock node dist/bench/search-bench.js
 * BENCH_REINDEX_ONLY=1 stops after the reindex (its time per step and CPU seconds are printed).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { adminToken, call, log, ROOT, sql, startBenchPlatform } from './bench-platform';
import { pacedLoad } from './paced-load';

const articles = Number(process.env.BENCH_ARTICLES ?? 100_000);
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const concurrency = Number(process.env.BENCH_CONCURRENCY ?? 8);
const searchRate = Number(process.env.BENCH_SEARCH_RATE ?? 50);
/** Seconds of the same searches before each measured phase. */
const WARM_UP_SECONDS = 3;
const publications = Number(process.env.BENCH_PUBLICATIONS ?? 100);
/** BENCH_REINDEX_ONLY=1: generate and reindex, print the timings, stop (no searches, no results file). */
const reindexOnly = process.env.BENCH_REINDEX_ONLY === '1';

/** Word lists the generated texts are drawn from (the first words of each list are the most frequent). */
const WORDS = {
  ru: 'волонтер акция город помощь дети жители парк субботник проект команда район школа праздник донор кровь сбор вещи неделя молодежь участие фестиваль экология деревья уборка пожилые семьи книги спорт марафон лагерь встреча центр регион область столица конкурс волна добро сердце руки улица дом весна лето осень зима утро вечер новости событие партнер фонд'.split(' '),
  kk: 'ерікті акция қала көмек балалар тұрғындар саябақ сенбілік жоба команда аудан мектеп мереке донор қан жинау киім апта жастар қатысу фестиваль экология ағаштар тазалау қарттар отбасы кітап спорт марафон лагерь кездесу орталық өңір облыс астана байқау толқын жақсылық жүрек қолдар көше үй көктем жаз күз қыс таң кеш жаңалық оқиға серіктес қор'.split(' '),
  en: 'volunteer campaign city help children residents park cleanup project team district school holiday donor blood collection clothes week youth participation festival ecology trees elderly families books sport marathon camp meeting centre region capital contest wave kindness heart hands street home spring summer autumn winter morning evening news event partner fund'.split(' '),
};
const RARE = 'қарлығаш';
const COMMON = 'волонтер';
const TYPO = 'фестивпль';

async function main(): Promise<void> {
  const platform = await startBenchPlatform(['news', 'volunteers', 'search', 'gateway']);
  try {
    log(`generating ${articles} published articles in the news database…`);
    const generated = Date.now();
    await sql(platform.databaseUrl, async (c) => {
      await c.query(`CREATE TEMP TABLE words (locale text, list text[])`);
      for (const [locale, list] of Object.entries(WORDS)) await c.query(`INSERT INTO words VALUES ($1, $2)`, [locale, list]);
      await c.query(
        `INSERT INTO news.articles (id, status, version, region, tags, author_id, first_published_at, created_at, updated_at)
         SELECT md5('bench-article-' || i)::uuid, 'published', 1,
                (ARRAY['astana','almaty','shymkent','pavlodar','karaganda','kostanay','turkistan','atyrau'])[1 + i % 8],
                ARRAY['tag-' || (i % 40)], '00000000-0000-4000-8000-000000000001',
                now() - make_interval(mins => i), now(), now()
           FROM generate_series(1, $1::int) AS i`,
        [articles],
      );
      for (const locale of ['ru', 'kk', 'en'] as const) {
        const contentLocale = locale === 'kk' ? 'kk-Cyrl' : locale;
        // Words are picked with a skew towards the start of the list (frequent words), per article and position.
        await c.query(
          `INSERT INTO news.article_translations (article_id, locale, title, summary, body, slug, status, machine_translated, published_at, updated_at)
           SELECT md5('bench-article-' || i)::uuid, $2, t.title, t.summary, t.body, 'a-' || i || '-' || $3, 'published', false, now() - make_interval(mins => i), now()
             FROM generate_series(1, $1::int) AS i,
                  LATERAL (SELECT list FROM words WHERE locale = $3) w,
                  LATERAL (
                    SELECT
                      (SELECT string_agg(w.list[1 + (abs(hashint8(i::bigint * 1000 + j)) % cardinality(w.list)) * (abs(hashint8(i::bigint * 7 + j)) % 3 + 1) / 3], ' ') FROM generate_series(1, 7) j) AS title,
                      (SELECT string_agg(w.list[1 + (abs(hashint8(i::bigint * 2000 + j)) % cardinality(w.list))], ' ') FROM generate_series(1, 20) j) AS summary,
                      (SELECT string_agg(w.list[1 + (abs(hashint8(i::bigint * 3000 + j)) % cardinality(w.list))], ' ') FROM generate_series(1, 60) j)
                        || CASE WHEN i % 5000 = 0 THEN ' ${RARE}' ELSE '' END AS body
                  ) t
            WHERE $3 <> 'en' OR i % 2 = 0`,
          [articles, contentLocale, locale],
        );
        log(`  ${contentLocale} translations written`);
      }
      // What autovacuum does within a minute or two of such a load, done before the clock starts: without statistics
      // the planner takes the new tables for small ones (the export's join then scans every translation per page).
      await c.query(`VACUUM ANALYZE news.articles, news.article_translations`);
    });
    const generateSeconds = (Date.now() - generated) / 1000;

    const token = await adminToken(platform.gatewayUrl);
    log('rebuilding the search index from the news service…');
    const rebuildStarted = Date.now();
    const rebuildCpuBefore = platform.cpuMs();
    const started = await call(platform.gatewayUrl, 'POST', '/api/v1/search/staff/index/rebuild', {}, token);
    if (started.status !== 202) throw new Error(`rebuild did not start: ${started.status} ${JSON.stringify(started.body)}`);
    let status: any;
    for (;;) {
      await new Promise((r) => setTimeout(r, 1_000));
      status = (await call(platform.gatewayUrl, 'GET', '/api/v1/search/staff/index', undefined, token)).body;
      log(`  rebuild ${status.rebuild.state}${status.rebuild.stage ? ` (${status.rebuild.stage})` : ''}: ${status.rebuild.processed}/${status.rebuild.total} articles`);
      if (status.rebuild.state === 'failed') throw new Error(`rebuild failed: ${status.rebuild.error}`);
      if (status.rebuild.state === 'succeeded') break;
    }
    const reindexSeconds = (Date.now() - rebuildStarted) / 1000;
    const rebuildCpuAfter = platform.cpuMs();
    // CPU seconds the rebuild cost the news and search services (PostgreSQL and Kafka not included).
    const reindexCpuSeconds = Object.fromEntries(['news', 'search'].map((app) => [app, (rebuildCpuAfter[app] - rebuildCpuBefore[app]) / 1000]));
    const reindexStageSeconds = status.rebuild.stageSeconds;
    log(`reindex: ${reindexSeconds} s (${JSON.stringify(reindexStageSeconds)}), CPU seconds ${JSON.stringify(reindexCpuSeconds)}`);
    if (reindexOnly) {
      process.stdout.write(`${JSON.stringify({ date: new Date().toISOString(), articles, documents: status.documents, generateSeconds, reindexSeconds, reindexStageSeconds, reindexCpuSeconds }, null, 2)}\n`);
      return;
    }

    const scenarios: Record<string, unknown> = {};
    for (const [name, q] of [['rare', RARE], ['common', COMMON], ['typo', TYPO]] as const) {
      const url = `${platform.gatewayUrl}/api/v1/search?q=${encodeURIComponent(q)}`;
      log(`searching "${q}" (${name}): ${searchRate}/s for ${seconds} s, then ${concurrency} clients for ${seconds} s…`);
      // Not measured: the first searches after a rebuild meet its checkpoint and the new tables' autovacuum.
      await pacedLoad({ url, rate: searchRate, seconds: WARM_UP_SECONDS });
      const cpuBefore = platform.cpuMs();
      const paced = await pacedLoad({ url, rate: searchRate, seconds });
      const cpuAfter = platform.cpuMs();
      const closedLoop = await measure(url, seconds, concurrency);
      // CPU time per request of each app (robust to other load on the machine; PostgreSQL and Kafka not included).
      const cpuMsPerRequest = Object.fromEntries(
        ['gateway', 'search'].map((app) => [app, Number(((cpuAfter[app] - cpuBefore[app]) / Math.max(1, paced.requests)).toFixed(2))]),
      );
      scenarios[name] = {
        paced: { rate: searchRate, achievedRps: paced.achievedRps, p50Ms: paced.p50Ms, p95Ms: paced.p95Ms, p99Ms: paced.p99Ms, non2xx: paced.non2xx, errors: paced.errors, cpuMsPerRequest },
        closedLoop: { clients: concurrency, ...closedLoop },
      };
    }
    log(`publish-to-searchable: ${publications} articles published through the gateway, one at a time…`);
    const publishToSearchable = await publishToSearchableLatency(platform.gatewayUrl, token, publications);
    const summary = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      engine: status.engine,
      articles,
      documents: status.documents,
      generateSeconds,
      reindexSeconds,
      reindexCpuSeconds,
      reindexStageSeconds,
      search: scenarios,
      publishToSearchable,
      targets: { p95Ms: 50, p95AtRate: searchRate, reindexSeconds: 120, publishToSearchableP95Ms: 1000 },
    };
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/results/search.json'), `${JSON.stringify(summary, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
  } finally {
    await platform.stop();
  }
}

/** Letters only (search words are letters): the n-th unique bench word. */
function uniqueWord(n: number): string {
  let out = '';
  for (let x = n + 26 * 26 * 26; x > 0; x = Math.floor(x / 26)) out = String.fromCharCode(97 + (x % 26)) + out;
  return `zq${out}`;
}

/** Publishes `count` articles one by one and times each until public search returns it (20 ms polls, 10 s limit). */
async function publishToSearchableLatency(gatewayUrl: string, token: string, count: number) {
  const latencies: number[] = [];
  let missed = 0;
  const run = Date.now().toString(36);
  for (let i = 0; i < count; i++) {
    const word = `${uniqueWord(i)}${run.replace(/[0-9]/g, '')}`;
    const created = await call(gatewayUrl, 'POST', '/api/v1/news/staff/articles', {
      region: 'astana',
      tags: ['bench'],
      translations: { en: { title: `Publication ${word}`, summary: 'Publish-to-searchable benchmark.', body: `A volunteer story about ${word}.` } },
    }, token);
    if (created.status !== 201) throw new Error(`create failed: ${created.status} ${JSON.stringify(created.body)}`);
    const published = await call(gatewayUrl, 'POST', `/api/v1/news/staff/articles/${created.body.id}/publish`, {}, token);
    if (published.status !== 200 && published.status !== 201) throw new Error(`publish failed: ${published.status}`);
    const start = process.hrtime.bigint();
    let found = false;
    while (Number(process.hrtime.bigint() - start) / 1e6 < 10_000) {
      const answer = await call(gatewayUrl, 'GET', `/api/v1/search?q=${encodeURIComponent(word)}`);
      if (answer.status === 200 && answer.body.hits.some((h: { articleId: string }) => h.articleId === created.body.id)) {
        found = true;
        break;
      }
      await new Promise((r) => setTimeout(r, 20));
    }
    if (found) latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
    else missed += 1;
  }
  latencies.sort((a, b) => a - b);
  const at = (p: number) => (latencies.length ? Number(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1)) : null);
  return { publications: count, found: latencies.length, missed, p50Ms: at(50), p95Ms: at(95), maxMs: latencies.length ? Number(latencies[latencies.length - 1].toFixed(1)) : null };
}

/** Closed-loop clients for `seconds`; exact percentiles from every request's latency. */
async function measure(url: string, seconds: number, clients: number) {
  const latencies: number[] = [];
  let errors = 0;
  let total = 0;
  let lastTotal: number | undefined;
  const deadline = Date.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (Date.now() < deadline) {
        const start = process.hrtime.bigint();
        const response = await fetch(url).catch(() => null);
        const body = response ? await response.json().catch(() => null) : null;
        latencies.push(Number(process.hrtime.bigint() - start) / 1e6);
        if (!response || response.status !== 200) errors += 1;
        else lastTotal = (body as { total?: number } | null)?.total;
        total += 1;
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  const at = (p: number) => Number(latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))].toFixed(1));
  return { requests: total, rps: Math.round(total / seconds), p50Ms: at(50), p95Ms: at(95), p99Ms: at(99), errors, matches: lastTotal };
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
