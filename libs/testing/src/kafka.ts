import { Kafka, logLevel, type Admin, type IHeaders, type KafkaMessage } from 'kafkajs';
import { testInfra, uniqueSuffix } from './test-env';
import { retrying } from './wait-for';

export function testKafka(clientId = `test-${uniqueSuffix()}`): Kafka {
  return new Kafka({ clientId, brokers: testInfra.kafkaBrokers.split(','), logLevel: logLevel.NOTHING, retry: { retries: 5 } });
}

export interface CollectedMessage {
  key: string | null;
  value: string | null;
  headers: Record<string, string>;
  partition: number;
  offset: string;
}

function headersOf(headers: IHeaders | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers ?? {})) {
    const first = Array.isArray(v) ? v[0] : v;
    if (first !== undefined) out[k] = first.toString();
  }
  return out;
}

function toCollected(message: KafkaMessage, partition: number): CollectedMessage {
  return {
    key: message.key?.toString('utf8') ?? null,
    value: message.value?.toString('utf8') ?? null,
    headers: headersOf(message.headers),
    partition,
    offset: message.offset,
  };
}

/**
 * Where each partition of a topic ends now (its high watermarks): pass to waitForMessages to read only what follows.
 * A topic created a moment ago may not have a leader the broker knows of yet ("not the leader for that
 * topic-partition", a retriable error): it asks again for a few seconds.
 */
export async function topicEnd(kafka: Kafka, topic: string, attempts = 40): Promise<Record<number, string>> {
  return withAdmin(kafka, (admin) =>
    retrying(
      async () => Object.fromEntries((await admin.fetchTopicOffsets(topic)).map((p) => [p.partition, p.high])),
      (error) => (error as { retriable?: boolean }).retriable === true,
      { attempts, intervalMs: 250 },
    ),
  );
}

/** Runs `work` on a connected admin client and disconnects it afterwards. */
async function withAdmin<T>(kafka: Kafka, work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

/**
 * Reads a topic with a throw-away group until `predicate` holds for the messages seen so far (instead of sleeping),
 * then returns them. From the beginning, or from `since` (topicEnd before the action under test): a topic shared
 * with earlier runs and benchmarks may hold many thousands of messages that a test need not read.
 */
export async function waitForMessages(
  kafka: Kafka,
  topic: string,
  predicate: (messages: CollectedMessage[]) => boolean,
  timeoutMs = 20_000,
  since?: Record<number, string>,
): Promise<CollectedMessage[]> {
  const consumer = kafka.consumer({ groupId: `test-reader-${uniqueSuffix()}`, sessionTimeout: 6_000, heartbeatInterval: 500, maxWaitTimeInMs: 50 });
  const seen: CollectedMessage[] = [];
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    return await new Promise<CollectedMessage[]>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`timed out after ${timeoutMs} ms waiting on ${topic}; saw ${seen.length} message(s)`)),
        timeoutMs,
      );
      consumer
        .run({
          eachMessage: async ({ message, partition }) => {
            seen.push(toCollected(message, partition));
            if (predicate(seen)) {
              clearTimeout(timer);
              resolve([...seen]);
            }
          },
        })
        .catch(reject);
      // kafkajs applies a seek made after run() when the partition is assigned, before its first fetch.
      for (const [partition, offset] of Object.entries(since ?? {})) consumer.seek({ topic, partition: Number(partition), offset });
    });
  } finally {
    await consumer.disconnect();
  }
}

/** Creates topics for one test (unique names: nothing shared between runs). */
export async function createTopics(kafka: Kafka, topics: { topic: string; numPartitions?: number }[]): Promise<void> {
  await withAdmin(kafka, (admin) =>
    admin.createTopics({ waitForLeaders: true, topics: topics.map((t) => ({ topic: t.topic, numPartitions: t.numPartitions ?? 1 })) }),
  );
}

export async function deleteTopics(kafka: Kafka, topics: string[]): Promise<void> {
  await withAdmin(kafka, async (admin) => {
    try {
      await admin.deleteTopics({ topics, timeout: 10_000 });
    } catch {
      // best effort: test topics have unique names
    }
  });
}
