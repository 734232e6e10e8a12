import { ArticlePublished, createCloudEvent, DeadLetterHeaders, deadLetterTopicOf, type ArticleSnapshotPayload, type CloudEvent } from '@birgemiz/contracts';
import { createTopics, deleteTopics, testInfra, testKafka, testLogger, uniqueSuffix, waitFor, waitForMessages } from '@birgemiz/testing';
import { randomUUID } from 'node:crypto';
import type { Kafka, Producer } from 'kafkajs';
import { KafkaEventConsumer, PermanentEventError, type EventHandler } from './event-consumer';
import { kafkaSettingsFrom } from './kafka-settings';

const settings = kafkaSettingsFrom({ KAFKA_BROKERS: testInfra.kafkaBrokers, KAFKA_SESSION_TIMEOUT_MS: 6_000, KAFKA_HEARTBEAT_INTERVAL_MS: 500 });

function article(overrides: Partial<ArticleSnapshotPayload> = {}): ArticleSnapshotPayload {
  return {
    articleId: randomUUID(),
    version: 1,
    status: 'published',
    region: 'astana',
    tags: ['volunteers'],
    coverImageUrl: null,
    publishedAt: new Date().toISOString(),
    updatedAt: new Date().toISOString(),
    translations: [],
    ...overrides,
  };
}

describe('KafkaEventConsumer (real Kafka)', () => {
  let kafka: Kafka;
  let producer: Producer;
  let topic: string;
  let consumer: KafkaEventConsumer | undefined;

  beforeAll(() => {
    kafka = testKafka();
  });

  beforeEach(async () => {
    topic = `test.consumer.${uniqueSuffix()}.v1`;
    await createTopics(kafka, [{ topic, numPartitions: 1 }, { topic: deadLetterTopicOf(topic) }]);
    // A producer per test: kafkajs keeps refreshing metadata of every topic a producer ever sent to.
    producer = kafka.producer({ idempotent: true });
    await producer.connect();
  });

  afterEach(async () => {
    await consumer?.stop();
    consumer = undefined;
    await producer.disconnect();
    await deleteTopics(kafka, [topic, deadLetterTopicOf(topic)]);
  });

  function start(handle: EventHandler['handle'], maxAttempts = 3): KafkaEventConsumer {
    consumer = new KafkaEventConsumer(kafka, {
      groupId: `test-group-${uniqueSuffix()}`,
      settings,
      logger: testLogger(),
      maxAttempts,
      retryBackoffMs: 20,
      handlers: [{ topic, events: [{ ...ArticlePublished, topic }], handle }],
    });
    return consumer;
  }

  async function send(key: string, value: string, headers: Record<string, string> = {}): Promise<void> {
    await producer.send({ topic, acks: -1, messages: [{ key, value, headers }] });
  }

  function published(data: unknown): CloudEvent {
    return createCloudEvent({ type: ArticlePublished.type, source: ArticlePublished.source, subject: 'x', data });
  }

  it('dead-letters an invalid event with origin headers and still processes the next valid one', async () => {
    const handled: string[] = [];
    await start(async (event) => {
      handled.push((event.data as ArticleSnapshotPayload).articleId);
    }).start();

    const valid = article();
    await send('bad-json', '{not json', { 'x-correlation-id': 'corr-invalid-0001' });
    await send('bad-payload', JSON.stringify(published({ articleId: 'not-a-uuid', version: 0 })));
    await send('bad-envelope', JSON.stringify({ hello: 'world' }));
    await send(valid.articleId, JSON.stringify(published(valid)));

    await waitFor(() => handled.includes(valid.articleId), { timeoutMs: 30_000, what: 'the valid event to be handled' });
    expect(handled).toEqual([valid.articleId]);

    const dead = await waitForMessages(kafka, deadLetterTopicOf(topic), (m) => m.length >= 3);
    const byKey = Object.fromEntries(dead.map((m) => [m.key, m]));
    expect(byKey['bad-json'].headers[DeadLetterHeaders.Reason]).toBe('invalid-json');
    expect(byKey['bad-json'].value).toBe('{not json');
    expect(byKey['bad-json'].headers['x-correlation-id']).toBe('corr-invalid-0001');
    expect(byKey['bad-payload'].headers[DeadLetterHeaders.Reason]).toBe('invalid-payload');
    expect(byKey['bad-payload'].headers[DeadLetterHeaders.Error]).toContain('articleId');
    expect(byKey['bad-envelope'].headers[DeadLetterHeaders.Reason]).toBe('invalid-envelope');
    for (const message of dead) {
      expect(message.headers[DeadLetterHeaders.OriginalTopic]).toBe(topic);
      expect(message.headers[DeadLetterHeaders.OriginalPartition]).toBe('0');
      expect(Number(message.headers[DeadLetterHeaders.OriginalOffset])).toBeGreaterThanOrEqual(0);
      expect(message.headers[DeadLetterHeaders.ConsumerGroup]).toMatch(/^test-group-/);
    }
  });

  it('retries a failing handler a bounded number of times, then dead-letters and moves on', async () => {
    const attempts = new Map<string, number>();
    const poison = article();
    const next = article();
    await start(async (event) => {
      const id = (event.data as ArticleSnapshotPayload).articleId;
      attempts.set(id, (attempts.get(id) ?? 0) + 1);
      if (id === poison.articleId) throw new Error('database unavailable');
    }, 3).start();

    await send(poison.articleId, JSON.stringify(published(poison)));
    await send(next.articleId, JSON.stringify(published(next)));

    await waitFor(() => attempts.get(next.articleId) === 1, { timeoutMs: 30_000, what: 'the event after the poison one' });
    expect(attempts.get(poison.articleId)).toBe(3);
    const dead = await waitForMessages(kafka, deadLetterTopicOf(topic), (m) => m.length >= 1);
    expect(dead).toHaveLength(1);
    expect(dead[0].key).toBe(poison.articleId);
    expect(dead[0].headers[DeadLetterHeaders.Reason]).toBe('handler-failed');
    expect(dead[0].headers[DeadLetterHeaders.Attempts]).toBe('3');
    expect(dead[0].headers[DeadLetterHeaders.Error]).toContain('database unavailable');
  });

  it('recovers when a transient failure clears within the retry budget (nothing dead-lettered)', async () => {
    let calls = 0;
    const event = article();
    await start(async () => {
      calls += 1;
      if (calls < 2) throw new Error('transient');
    }, 3).start();
    await send(event.articleId, JSON.stringify(published(event)));
    await waitFor(() => calls === 2, { timeoutMs: 30_000, what: 'the second attempt' });
    const marker = article();
    await send(marker.articleId, JSON.stringify(published(marker)));
    await waitFor(() => calls === 3, { timeoutMs: 30_000, what: 'the marker event' });
    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(deadLetterTopicOf(topic));
    await admin.disconnect();
    expect(offsets.every((o) => o.high === '0')).toBe(true);
  });

  it('dead-letters a permanent error at the first attempt', async () => {
    let calls = 0;
    const event = article();
    await start(async () => {
      calls += 1;
      throw new PermanentEventError('article references an unknown region');
    }, 5).start();
    await send(event.articleId, JSON.stringify(published(event)));
    const dead = await waitForMessages(kafka, deadLetterTopicOf(topic), (m) => m.length >= 1);
    expect(calls).toBe(1);
    expect(dead[0].headers[DeadLetterHeaders.Reason]).toBe('permanent-error');
  });

  it('skips event types it does not handle without dead-lettering them', async () => {
    const handled: string[] = [];
    await start(async (e) => {
      handled.push(e.type);
    }).start();
    const other = createCloudEvent({ type: 'kz.birgemiz.news.article.translated', source: '/birgemiz/news', subject: 's', data: { any: 1 } });
    const valid = article();
    await send('other', JSON.stringify(other));
    await send(valid.articleId, JSON.stringify(published(valid)));
    await waitFor(() => handled.length === 1, { timeoutMs: 30_000, what: 'the known event' });
    expect(handled).toEqual([ArticlePublished.type]);
    const admin = kafka.admin();
    await admin.connect();
    const offsets = await admin.fetchTopicOffsets(deadLetterTopicOf(topic));
    await admin.disconnect();
    expect(offsets.every((o) => o.high === '0')).toBe(true);
  });
});
