import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { TopicSpec } from './topic-specs';

const ATTEMPTS = 15;

/**
 * Creates the topics an app needs (the broker does not auto-create them) and waits until every partition has a
 * leader. Idempotent and safe when several apps create overlapping topics at once: a broker busy electing leaders
 * answers with retriable errors, which are retried with a growing pause.
 */
export async function ensureTopics(kafka: Kafka, specs: TopicSpec[], logger?: Logger): Promise<string[]> {
  const unique = [...new Map(specs.map((s) => [s.topic, s])).values()];
  const created: string[] = [];
  const admin = kafka.admin();
  await admin.connect();
  try {
    for (let attempt = 1; ; attempt++) {
      try {
        const existing = new Set(await admin.listTopics());
        const missing = unique.filter((s) => !existing.has(s.topic));
        if (missing.length > 0) {
          await admin
            .createTopics({
              waitForLeaders: true,
              topics: missing.map((s) => ({ topic: s.topic, numPartitions: s.numPartitions, replicationFactor: -1, configEntries: s.configEntries })),
            })
            .catch((error: { type?: string }) => {
              // Another app created some of them in between: checked below.
              if (error.type !== 'TOPIC_ALREADY_EXISTS') throw error;
            });
          created.push(...missing.map((s) => s.topic));
        }
        const metadata = await admin.fetchTopicMetadata({ topics: unique.map((s) => s.topic) });
        const leaderless = metadata.topics.filter((t) => t.partitions.length === 0 || t.partitions.some((p) => p.leader < 0));
        if (leaderless.length === 0) break;
        throw new Error(`partitions without a leader: ${leaderless.map((t) => t.name).join(', ')}`);
      } catch (error) {
        if (attempt >= ATTEMPTS) throw error;
        logger?.debug({ err: error, attempt }, 'topics not ready yet; retrying');
        await new Promise((r) => setTimeout(r, Math.min(200 * attempt, 2_000)));
      }
    }
    if (created.length > 0) logger?.info({ topics: created.length }, 'created Kafka topics');
    return created;
  } finally {
    await admin.disconnect();
  }
}
