import { createTopics, deleteTopics, testKafka, topicEnd, waitForMessages } from './kafka';
import { uniqueSuffix } from './test-env';

describe('Kafka test helpers (real broker)', () => {
  const kafka = testKafka();
  const topics = Array.from({ length: 4 }, (_, i) => `test.helpers.${uniqueSuffix()}.${i}`);

  afterAll(async () => {
    await deleteTopics(kafka, topics);
  });

  it('topicEnd answers for topics created a moment ago, and waitForMessages(since) reads only what follows', async () => {
    await createTopics(kafka, topics.map((topic) => ({ topic, numPartitions: 2 })));
    // Asked at once after creation (when the broker may not know the partitions' leader yet).
    const ends = await Promise.all(topics.map((topic) => topicEnd(kafka, topic)));
    for (const end of ends) expect(end).toEqual({ 0: '0', 1: '0' });

    const producer = kafka.producer();
    await producer.connect();
    try {
      const [topic] = topics;
      await producer.send({ topic, messages: ['old-1', 'old-2', 'old-3'].map((value) => ({ key: 'k', value })) });
      const since = await topicEnd(kafka, topic);
      expect(Object.values(since).map(Number).reduce((a, b) => a + b, 0)).toBe(3);
      await producer.send({ topic, messages: ['new-1', 'new-2'].map((value) => ({ key: 'k', value })) });
      const seen = await waitForMessages(kafka, topic, (m) => m.length >= 2, 20_000, since);
      expect(seen.map((m) => m.value)).toEqual(['new-1', 'new-2']);
    } finally {
      await producer.disconnect();
    }
  });
});
