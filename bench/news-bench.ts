/**
 * News benchmarks through the real path (gateway → Kafka request-reply → news → PostgreSQL):
 *  1. uncached public article read (Cache-Control: no-cache) at a steady 200 requests/s (paced, open loop): p50 / p99
 *     (targets ≤ 5 ms / ≤ 30 ms);
 *  2. the maximum sustained uncached read rate with BENCH_CONNECTIONS connections (target ≥ 2,000 requests/s), of one
 *     article (the hot-article case: concurrent reads of one article share a database statement) and spread over
 *     BENCH_SPREAD_ARTICLES articles;
 *  2b. the cached read and the cached latest news against a bare NestJS+Fastify JSON route in the same run, measured
 *      before and after them (target ≥ 60 % of the mean of the two);
 *  3. view ingestion: BENCH_VIEWS view events produced to Kafka, time until the news service has counted them all
 *     (target ≥ 10,000 views/s, none lost) — plus the views the reads above emitted.
 *   npm run build && flock .infra/e2e.lock node dist/bench/news-bench.js
 * Options (environment): BENCH_SECONDS (10), BENCH_CONNECTIONS (32), BENCH_VIEWS (100000), BENCH_SPREAD_ARTICLES (50).
 */
import autocannon from 'autocannon';
import { Kafka, logLevel } from 'kafkajs';
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { adminToken, call, log, ROOT, sql, startBenchPlatform } from './bench-platform';
import { answered2xx, pacedLoad } from './paced-load';
import { answers200, freePort, startProcess, stopProcess } from './process';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const viewCount = Number(process.env.BENCH_VIEWS ?? 100_000);
const spreadCount = Number(process.env.BENCH_SPREAD_ARTICLES ?? 50);

/** The article's stored view count; undefined when the article is not in this database. */
async function viewsOf(databaseUrl: string, id: string): Promise<number | undefined> {
  const rows = await sql(databaseUrl, async (c) => (await c.query(`SELECT view_count FROM news.articles WHERE id = $1`, [id])).rows);
  return rows.length === 0 ? undefined : Number(rows[0].view_count);
}

async function main(): Promise<void> {
  const platform = await startBenchPlatform(['news', 'volunteers', 'gateway']);
  try {
    const token = await adminToken(platform.gatewayUrl);
    const created = await call(platform.gatewayUrl, 'POST', '/api/v1/news/staff/articles', {
      region: 'astana',
      tags: ['bench'],
      translations: {
        'kk-Cyrl': { title: 'Өлшеу мақаласы', summary: 'Жылдамдықты өлшеуге арналған мақала.', body: 'Мәтін '.repeat(300) },
        ru: { title: 'Статья для замера', summary: 'Статья для измерения скорости.', body: 'Текст '.repeat(300) },
      },
    }, token);
    if (created.status !== 201) throw new Error(`creating the bench article failed: ${created.status} ${JSON.stringify(created.body)}`);
    const article = created.body;
    const published = await call(platform.gatewayUrl, 'POST', `/api/v1/news/staff/articles/${article.id}/publish`, {}, token);
    if (published.status !== 200) throw new Error(`publishing the bench article failed: ${published.status} ${JSON.stringify(published.body)}`);
    if ((await viewsOf(platform.databaseUrl, article.id)) === undefined) {
      throw new Error('the bench article is not in the bench database: another platform on this Kafka broker answered (stop it first)');
    }
    // More published articles, so "latest news" answers a list of ten and the spread scenario reads many.
    // (The spread set leaves out the main article, whose view count is checked below.)
    const spreadIds: string[] = [];
    for (let i = 1; i < Math.max(10, spreadCount + 1); i++) {
      const more = await call(platform.gatewayUrl, 'POST', '/api/v1/news/staff/articles', {
        region: 'almaty',
        tags: ['bench'],
        translations: {
          'kk-Cyrl': { title: `Өлшеу жаңалығы ${i}`, summary: 'Жаңалықтың қысқаша мазмұны.', body: 'Жаңалық мәтіні. '.repeat(150) },
          ru: { title: `Новость для замера ${i}`, summary: 'Краткое содержание новости.', body: 'Текст новости. '.repeat(150) },
        },
      }, token);
      await call(platform.gatewayUrl, 'POST', `/api/v1/news/staff/articles/${more.body.id}/publish`, {}, token);
      if (spreadIds.length < spreadCount) spreadIds.push(more.body.id);
    }
    const url = `${platform.gatewayUrl}/api/v1/news/articles/${article.id}?locale=kk-Latn`;
    const latestUrl = `${platform.gatewayUrl}/api/v1/news/latest?locale=ru&limit=10`;
    const uncached = { 'cache-control': 'no-cache' };

    // Warm-up (JIT, connection pools, consumer fetch sessions): its latencies are not reported.
    log('warm-up 8 s…');
    const warm = await autocannon({ url, connections: 8, duration: 4, headers: uncached });
    const warmPaced = await pacedLoad({ url, rate: 200, seconds: 4, headers: uncached });
    log(`uncached, fixed rate: 200 requests/s for ${seconds} s…`);
    const fixed = await pacedLoad({ url, rate: 200, seconds, headers: uncached });
    log(`uncached, maximum: ${connections} connections for ${seconds} s…`);
    const max = await autocannon({ url, connections, duration: seconds, headers: uncached });
    log(`uncached, maximum, reads spread over ${spreadIds.length} articles: ${connections} connections for ${seconds} s…`);
    let next = 0;
    const spread = await autocannon({
      url,
      connections,
      duration: seconds,
      headers: uncached,
      requests: [{ setupRequest: (req) => ({ ...req, path: `/api/v1/news/articles/${spreadIds[next++ % spreadIds.length]}?locale=kk-Latn` }) }],
    });
    const rssUnderLoad = platform.rss();

    const baselinePort = await freePort();
    const baseline = await startProcess(join(ROOT, 'dist/bench/baseline-server.js'), { PORT: String(baselinePort) }, () =>
      answers200(`http://127.0.0.1:${baselinePort}/baseline`),
    );
    const bareUrl = `http://127.0.0.1:${baselinePort}/baseline`;
    let bareRuns: autocannon.Result[];
    let cachedRun: { warm: autocannon.Result; result: autocannon.Result };
    let latestUncached: autocannon.Result;
    let latestCached: autocannon.Result;
    try {
      // The bare route is measured before and after the cached scenarios and they are compared with the mean of the
      // two, so a machine that speeds up or slows down during the run does not tilt the ratio either way.
      log(`baseline route: ${connections} connections for ${seconds} s (after 3 s of warm-up)…`);
      const bareBefore = (await afterWarmUp({ url: bareUrl, connections, duration: seconds })).result;
      // Each scenario below warms up first, as the baseline does (the code paths of cache hits are cold until now).
      log(`cached read: ${connections} connections for ${seconds} s (after 3 s of warm-up)…`);
      cachedRun = await afterWarmUp({ url, connections, duration: seconds });
      log(`latest news, uncached: ${connections} connections for ${seconds} s (after 3 s of warm-up)…`);
      latestUncached = (await afterWarmUp({ url: latestUrl, connections, duration: seconds, headers: uncached })).result;
      log(`latest news, cached: ${connections} connections for ${seconds} s (after 3 s of warm-up)…`);
      latestCached = (await afterWarmUp({ url: latestUrl, connections, duration: seconds })).result;
      log(`baseline route again: ${connections} connections for ${seconds} s (after 3 s of warm-up)…`);
      bareRuns = [bareBefore, (await afterWarmUp({ url: bareUrl, connections, duration: seconds })).result];
    } finally {
      await stopProcess(baseline);
    }
    const cached = cachedRun.result;
    const bareRps = bareRuns.reduce((sum, run) => sum + run.requests.average, 0) / bareRuns.length;
    const reads = warm['2xx'] + answered2xx(warmPaced) + answered2xx(fixed) + max['2xx'] + cachedRun.warm['2xx'] + cached['2xx'];

    log(`waiting for the ${reads} views of the reads to be counted…`);
    const readsCounted = await waitForCount(platform.databaseUrl, article.id, reads, 60_000);

    // Requests still in flight when a load phase ended were served (and viewed) but not counted by autocannon:
    // the burst is measured from the settled count.
    await new Promise((r) => setTimeout(r, 2_000));
    const settled = (await viewsOf(platform.databaseUrl, article.id)) ?? 0;
    log(`producing ${viewCount} view events to Kafka…`);
    const kafka = new Kafka({ clientId: 'bench-views', brokers: (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(','), logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ idempotent: true });
    await producer.connect();
    const start = Date.now();
    const batch = 2_000;
    for (let i = 0; i < viewCount; i += batch) {
      const messages = Array.from({ length: Math.min(batch, viewCount - i) }, () => ({
        key: article.id,
        value: JSON.stringify({
          specversion: '1.0',
          id: randomUUID(),
          source: '/birgemiz/gateway',
          type: 'kz.birgemiz.news.article.viewed',
          time: new Date().toISOString(),
          subject: article.id,
          datacontenttype: 'application/json',
          data: { viewId: randomUUID(), articleId: article.id, locale: 'ru', viewedAt: new Date().toISOString() },
        }),
      }));
      await producer.send({ topic: 'birgemiz.news.article-view.v1', acks: -1, messages });
    }
    const produced = Date.now() - start;
    await producer.disconnect();
    const expected = settled + viewCount;
    const counted = await waitForCount(platform.databaseUrl, article.id, expected, 120_000);
    const ingestSeconds = (Date.now() - start) / 1000;

    const summary = {
      date: new Date().toISOString(),
      node: process.version,
      cpus: cpus().length,
      seconds,
      read: {
        at200rps: { p50Ms: fixed.p50Ms, p90Ms: fixed.p90Ms, p99Ms: fixed.p99Ms, achievedRps: fixed.achievedRps, non2xx: fixed.non2xx, errors: fixed.errors, driver: 'paced (open loop, even intervals)' },
        maximum: { rps: Math.round(max.requests.average), p50Ms: max.latency.p50, p99Ms: max.latency.p99, connections, non2xx: max.non2xx, errors: max.errors + max.timeouts },
        maximumSpread: { articles: spreadIds.length, rps: Math.round(spread.requests.average), p50Ms: spread.latency.p50, p99Ms: spread.latency.p99, connections, non2xx: spread.non2xx, errors: spread.errors + spread.timeouts },
        targets: { p50Ms: 5, p99Ms: 30, rps: 2_000 },
        cached: {
          rps: Math.round(cached.requests.average),
          p50Ms: cached.latency.p50,
          p99Ms: cached.latency.p99,
          baselineRps: Math.round(bareRps),
          baselineRunsRps: bareRuns.map((run) => Math.round(run.requests.average)),
          ratioToBaseline: Number((cached.requests.average / bareRps).toFixed(2)),
          target: { ratioToBaseline: 0.6 },
          non2xx: cached.non2xx,
          errors: cached.errors + cached.timeouts,
        },
      },
      latest: {
        uncached: { rps: Math.round(latestUncached.requests.average), p50Ms: latestUncached.latency.p50, p99Ms: latestUncached.latency.p99, non2xx: latestUncached.non2xx, errors: latestUncached.errors + latestUncached.timeouts },
        cached: {
          rps: Math.round(latestCached.requests.average),
          p50Ms: latestCached.latency.p50,
          p99Ms: latestCached.latency.p99,
          ratioToBaseline: Number((latestCached.requests.average / bareRps).toFixed(2)),
          non2xx: latestCached.non2xx,
          errors: latestCached.errors + latestCached.timeouts,
        },
      },
      views: {
        fromReads: { answeredToAutocannon: reads, countedAfterLoad: readsCounted, settled },
        burst: { produced: viewCount, produceSeconds: produced / 1000, countedAfterSeconds: ingestSeconds, viewsPerSecond: Math.round(viewCount / ingestSeconds) },
        expectedTotal: expected,
        countedTotal: counted,
        lost: expected - counted,
        target: { viewsPerSecond: 10_000 },
      },
      rssBytesUnderLoad: rssUnderLoad,
    };
    mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
    writeFileSync(join(ROOT, 'bench/results/news.json'), `${JSON.stringify(summary, null, 2)}\n`);
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    if (summary.views.lost !== 0) process.exitCode = 1;
  } finally {
    await platform.stop();
  }
}

/** An autocannon run after 3 s of warm-up with the same options; the warm-up's result too (its reads count views). */
async function afterWarmUp(options: autocannon.Options): Promise<{ warm: autocannon.Result; result: autocannon.Result }> {
  const warm = await autocannon({ ...options, duration: 3 });
  return { warm, result: await autocannon(options) };
}

async function waitForCount(databaseUrl: string, id: string, expected: number, timeoutMs: number): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let count = 0;
  while (Date.now() < deadline) {
    count = (await viewsOf(databaseUrl, id)) ?? 0;
    if (count >= expected) return count;
    await new Promise((r) => setTimeout(r, 100));
  }
  return count;
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
