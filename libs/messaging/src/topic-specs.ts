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

/**
 * Requests and replies are worthless once their caller has given up (seconds), and requests carry what people typed
 * into forms (an application's e-mail and phone): 10 minutes of them are kept, in segments that roll every 5 minutes.
 * The broker deletes a segment once its newest record is older than the retention (checking every
 * `log.retention.check.interval.ms`, 5 minutes by default), so a record is gone about 10–20 minutes after it was written.
 */
export const RPC_TOPIC_CONFIG = [
  { name: 'retention.ms', value: String(600_000) },
  { name: 'segment.ms', value: String(300_000) },
];

/** The request topics of the services that answer these patterns. */
export function requestTopicSpecs(patterns: readonly string[]): TopicSpec[] {
  const services = [...new Set(patterns.map(serviceOfPattern))];
  return services.map((service) => ({ topic: requestTopicOf(service), numPartitions: PARTITIONS.request, configEntries: RPC_TOPIC_CONFIG }));
}

export function replyTopicSpec(caller: string): TopicSpec {
  return { topic: replyTopicOf(caller), numPartitions: PARTITIONS.reply, configEntries: RPC_TOPIC_CONFIG };
}

export function eventTopicSpecs(topics: readonly string[] = Object.values(Topics)): TopicSpec[] {
  return topics.flatMap((topic) => [
    { topic, numPartitions: PARTITIONS.event },
    { topic: deadLetterTopicOf(topic), numPartitions: PARTITIONS.deadLetter },
  ]);
}
