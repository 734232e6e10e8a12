/**
 * Rebuilds the search index (or runs a drift check) through the running search service, printing progress:
 *   node dist/apps/search/src/reindex-command.js [--drift-check]
 * Needs KAFKA_BROKERS (default 127.0.0.1:9092). It speaks to the service over the internal request-reply topics
 * as the system (admin role): whoever can reach Kafka can already do as much.
 */
import 'reflect-metadata';
import { Patterns, type DriftReport, type IndexStatus, type RebuildProgress } from '@birgemiz/contracts';
import { kafkaConfig, loadConfig } from '@birgemiz/config';
import { kafkaSettingsFrom, RequestReplyClient } from '@birgemiz/messaging';
import { createLogger } from '@birgemiz/logging';
import { randomUUID } from 'node:crypto';

const SYSTEM_ACTOR = { id: '00000000-0000-4000-8000-000000000000', role: 'admin' as const };
const PATTERNS = [Patterns.search.indexRebuild, Patterns.search.indexStatus, Patterns.search.indexDriftCheck];

async function main(): Promise<void> {
  const drift = process.argv.includes('--drift-check');
  const settings = kafkaSettingsFrom(loadConfig(kafkaConfig));
  const id = randomUUID().slice(0, 8);
  const logger = createLogger({ service: 'search', level: 'warn', instanceId: `reindex-${id}` });
  const client = RequestReplyClient.create({ settings, clientId: `birgemiz-reindex-${id}`, groupId: `birgemiz-reindex-${id}`, caller: 'reindex', logger, patterns: PATTERNS });
  await client.start(30_000);
  const print = (line: string) => process.stdout.write(`${line}\n`);
  try {
    if (drift) {
      const report = await client.request<DriftReport>(Patterns.search.indexDriftCheck, { actor: SYSTEM_ACTOR }, { timeoutMs: 600_000 });
      print(`drift check: public ${JSON.stringify(report.public)}; staff ${JSON.stringify(report.staff)}`);
      return;
    }
    const started = Date.now();
    await client.request<RebuildProgress>(Patterns.search.indexRebuild, { actor: SYSTEM_ACTOR }, { timeoutMs: 10_000 });
    for (;;) {
      await new Promise((r) => setTimeout(r, 1_000));
      const status = await client.request<IndexStatus>(Patterns.search.indexStatus, {}, { timeoutMs: 10_000 });
      const { state, stage, processed, total, error, stageSeconds } = status.rebuild;
      print(`rebuild: ${state}${stage ? ` (${stage})` : ''} ${processed}/${total} articles (${((Date.now() - started) / 1000).toFixed(1)} s)`);
      if (state === 'failed') throw new Error(`rebuild failed: ${error}`);
      if (state === 'succeeded') {
        print(`documents: public ${status.documents.public}, staff ${status.documents.staff}`);
        print(`steps: ${Object.entries(stageSeconds).map(([name, seconds]) => `${name} ${seconds} s`).join(', ')}`);
        return;
      }
    }
  } finally {
    await client.close();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
