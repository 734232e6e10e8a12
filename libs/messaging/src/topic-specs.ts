import { deadLetterTopicOf, replyTopicOf, requestTopicOf, serviceOfPattern, Topics } from '@birgemiz/contracts';

export interface TopicSpec {
  topic: string;
  numPartitions: number;
  configEntries?: { name: string; value: string }[];
}

/**
 * Partition counts. Request topics (one per service): up to this many instances of a service consume in parallel.
 * Reply topics (one per caller): at least as many as instances of the caller (each instance owns reply partitions).
 * Event topics: keyed by aggregate id, so per-entity order holds on any count.
 */
export const PARTITIONS = { request: 4, reply: 4, event: 3, deadLetter: 1 } as const;

/** Requests and replies are worthless once their caller has given up: an hour of them is kept. */
const RPC_RETENTION = [{ name: 'retention.ms', value: String(3_600_000) }];

/** The request topics of the services that answer these patterns. */
export function requestTopicSpecs(patterns: readonly string[]): TopicSpec[] {
  const services = [...new Set(patterns.map(serviceOfPattern))];
  return services.map((service) => ({ topic: requestTopicOf(service), numPartitions: PARTITIONS.request, configEntries: RPC_RETENTION }));
}

export function replyTopicSpec(caller: string): TopicSpec {
  return { topic: replyTopicOf(caller), numPartitions: PARTITIONS.reply, configEntries: RPC_RETENTION };
}

export function eventTopicSpecs(topics: readonly string[] = Object.values(Topics)): TopicSpec[] {
  return topics.flatMap((topic) => [
    { topic, numPartitions: PARTITIONS.event },
    { topic: deadLetterTopicOf(topic), numPartitions: PARTITIONS.deadLetter },
  ]);
}
