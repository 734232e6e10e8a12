import type { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { TopicSpec } from './topic-specs';

/**
 * Creates the topics an app needs (the broker does not auto-create them). Idempotent and safe when several
 * apps create the same topic at once.
 */
export async function ensureTopics(kafka: Kafka, specs: TopicSpec[], logger?: Logger): Promise<string[]> {
  const unique = [...new Map(specs.map((s) => [s.topic, s])).values()];
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = unique.filter((s) => !existing.has(s.topic));
    if (missing.length === 0) return [];
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((s) => ({ topic: s.topic, numPartitions: s.numPartitions, replicationFactor: -1, configEntries: s.configEntries })),
      });
    } catch (error) {
      // Another app created some of them in between: fine as long as they all exist now.
      const now = new Set(await admin.listTopics());
      const stillMissing = missing.filter((s) => !now.has(s.topic));
      if (stillMissing.length > 0) throw error;
    }
    logger?.info({ topics: missing.map((s) => s.topic) }, 'created Kafka topics');
    return missing.map((s) => s.topic);
  } finally {
    await admin.disconnect();
  }
}
