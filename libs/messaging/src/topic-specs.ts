import { deadLetterTopicOf, replyTopicOf, Topics } from '@birgemiz/contracts';

export interface TopicSpec {
  topic: string;
  numPartitions: number;
  configEntries?: { name: string; value: string }[];
}

/**
 * Partition counts. Request topics: up to this many instances of a service consume in parallel.
 * Reply topics: at least as many as gateway instances (each instance owns reply partitions).
 * Event topics: keyed by aggregate id, so per-entity order holds on any count.
 */
export const PARTITIONS = { request: 2, reply: 2, event: 3, deadLetter: 1 } as const;

export function requestReplyTopicSpecs(patterns: readonly string[]): TopicSpec[] {
  return patterns.flatMap((pattern) => [
    { topic: pattern, numPartitions: PARTITIONS.request, configEntries: [{ name: 'retention.ms', value: String(3_600_000) }] },
    { topic: replyTopicOf(pattern), numPartitions: PARTITIONS.reply, configEntries: [{ name: 'retention.ms', value: String(3_600_000) }] },
  ]);
}

export function eventTopicSpecs(topics: readonly string[] = Object.values(Topics)): TopicSpec[] {
  return topics.flatMap((topic) => [
    { topic, numPartitions: PARTITIONS.event },
    { topic: deadLetterTopicOf(topic), numPartitions: PARTITIONS.deadLetter },
  ]);
}
