/**
 * Gateway benchmark: /health/live of the real gateway (its full HTTP pipeline: correlation ids, filters, logging)
 * against the bare NestJS + Fastify baseline route, in the same run, printed as a ratio.
 *   npm run bench   (infrastructure must be up: npm run infra:up; the gateway needs Kafka and Redis to boot)
 * Options (environment): BENCH_SECONDS (10), BENCH_CONNECTIONS (50).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { load, type LoadResult } from './autocannon-run';
import { answers200, freePort, startProcess, stopProcess } from './process';

const ROOT = join(__dirname, '..', '..');
const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 50);

async function main(): Promise<void> {
  const baselinePort = await freePort();
  const gatewayPort = await freePort();
  const log = (line: string) => process.stdout.write(`[bench] ${line}\n`);

  log('starting the baseline app and the gateway…');
  const baseline = await startProcess(join(ROOT, 'dist/bench/baseline-server.js'), { PORT: String(baselinePort) }, () =>
    answers200(`http://127.0.0.1:${baselinePort}/baseline`),
  );
  const gateway = await startProcess(
    join(ROOT, 'dist/apps/gateway/src/main.js'),
    {
      PORT: String(gatewayPort),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      INSTANCE_ID: 'bench',
      JWT_SECRET: 'bench-only-secret-0123456789abcdef0123456789',
    },
    () => answers200(`http://127.0.0.1:${gatewayPort}/health/live`),
  );

  const results: LoadResult[] = [];
  try {
    log(`baseline: ${connections} connections for ${seconds} s…`);
    results.push(await load('baseline: bare NestJS+Fastify JSON route', `http://127.0.0.1:${baselinePort}/baseline`, { connections, seconds }));
    log(`gateway /health/live: ${connections} connections for ${seconds} s…`);
    results.push(await load('gateway GET /health/live', `http://127.0.0.1:${gatewayPort}/health/live`, { connections, seconds }));
  } finally {
    await stopProcess(gateway);
    await stopProcess(baseline);
  }

  const base = results[0].requestsPerSecond;
  const rows = results.map((r) => ({ ...r, ratio: Number((r.requestsPerSecond / base).toFixed(2)) }));
  const table = [
    '| scenario | req/s | ratio to baseline | p50 ms | p99 ms | errors | non-2xx |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...rows.map((r) => `| ${r.name} | ${r.requestsPerSecond} | ${r.ratio} | ${r.latencyP50Ms} | ${r.latencyP99Ms} | ${r.errors} | ${r.non2xx} |`),
  ].join('\n');
  const meta = { date: new Date().toISOString(), node: process.version, cpus: require('node:os').cpus().length, seconds, connections };
  mkdirSync(join(ROOT, 'bench/results'), { recursive: true });
  writeFileSync(join(ROOT, 'bench/results/gateway-health.json'), `${JSON.stringify({ ...meta, results: rows }, null, 2)}\n`);
  writeFileSync(
    join(ROOT, 'bench/results/gateway-health.md'),
    `# Gateway /health/live vs. bare NestJS+Fastify\n\n${meta.date}, Node ${meta.node}, ${meta.cpus} cores, ${connections} connections, ${seconds} s per scenario (after 2 s warm-up).\n\n${table}\n`,
  );
  process.stdout.write(`\n${table}\n\ngateway / baseline = ${rows[1].ratio}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
