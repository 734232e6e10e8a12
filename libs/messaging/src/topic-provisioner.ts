import { ConfigResourceTypes, type Admin, type Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import type { TopicSpec } from './topic-specs';

const ATTEMPTS = 15;

/**
 * Creates the topics an app needs (the broker does not auto-create them) and waits until every partition has a
 * leader; a topic that already exists with other values of its spec's settings (`configEntries`, e.g. a shorter
 * retention in a newer release) gets the spec's values. Idempotent and safe when several apps provision overlapping
 * topics at once: a broker busy electing leaders answers with retriable errors, which are retried with a growing pause.
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
        if (leaderless.length === 0) {
          const updated = await reconcileConfigs(admin, unique.filter((s) => existing.has(s.topic)));
          if (updated.length > 0) logger?.info({ topics: updated }, 'updated the settings of existing Kafka topics');
          break;
        }
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

/**
 * Gives each existing topic its spec's settings where the broker holds other values; returns the topics changed.
 * AlterConfigs replaces a topic's dynamic settings as a whole, so the spec's full list is sent: settings a spec does not
 * name fall back to the broker's defaults, as for a topic the provisioner creates.
 */
async function reconcileConfigs(admin: Admin, specs: TopicSpec[]): Promise<string[]> {
  const withConfig = specs.filter((s) => (s.configEntries?.length ?? 0) > 0);
  if (withConfig.length === 0) return [];
  const described = await admin.describeConfigs({
    includeSynonyms: false,
    resources: withConfig.map((s) => ({ type: ConfigResourceTypes.TOPIC, name: s.topic, configNames: s.configEntries!.map((e) => e.name) })),
  });
  const current = new Map(described.resources.map((r) => [r.resourceName, new Map(r.configEntries.map((e) => [e.configName, e.configValue]))]));
  const differing = withConfig.filter((s) => s.configEntries!.some((e) => current.get(s.topic)?.get(e.name) !== e.value));
  if (differing.length === 0) return [];
  await admin.alterConfigs({
    validateOnly: false,
    resources: differing.map((s) => ({ type: ConfigResourceTypes.TOPIC, name: s.topic, configEntries: s.configEntries! })),
  });
  return differing.map((s) => s.topic);
}
