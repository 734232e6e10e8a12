import { OutboxRepository } from '@birgemiz/database';
import {
  cloneTemplateDatabase,
  templateDatabase,
  createTopics,
  deleteTopics,
  testKafka,
  testLogger,
  uniqueSuffix,
  waitForMessages,
} from '@birgemiz/testing';
import type { Kafka } from 'kafkajs';
import { DataSource } from 'typeorm';
import { OutboxRelay } from './outbox-relay';

describe('outbox relay (real PostgreSQL and Kafka)', () => {
  let database: Awaited<ReturnType<typeof cloneTemplateDatabase>>;
  let dataSource: DataSource;
  let outbox: OutboxRepository;
  let kafka: Kafka;
  let topic: string;

  beforeAll(async () => {
    database = await cloneTemplateDatabase(templateDatabase());
    dataSource = await new DataSource({ type: 'postgres', url: database.url, extra: { max: 6 } }).initialize();
    outbox = new OutboxRepository(dataSource, 'news');
    kafka = testKafka();
  });

  beforeEach(async () => {
    topic = `test.outbox.${uniqueSuffix()}.v1`;
    await createTopics(kafka, [{ topic, numPartitions: 3 }]);
  });

  afterEach(async () => {
    await dataSource.query(`DELETE FROM news.outbox_events`);
    await deleteTopics(kafka, [topic]);
  });

  afterAll(async () => {
    await dataSource.destroy();
    await database.drop();
  });

  async function write(keys: string[], fail = false): Promise<void> {
    await dataSource
      .transaction(async (manager) => {
        await outbox.add(
          manager,
          keys.map((key, i) => ({ topic, key, event: { id: `${key}-${i}`, n: i }, headers: { 'x-correlation-id': 'corr-outbox-0001' } })),
        );
        if (fail) throw new Error('state change failed');
      })
      .catch((error: Error) => {
        if (!fail) throw error;
      });
  }

  it('publishes rows in commit order per key, with headers, and marks them published', async () => {
    await write(['a', 'a', 'b', 'a']);
    const relay = new OutboxRelay(kafka, outbox, testLogger());
    await relay.start();
    try {
      const messages = await waitForMessages(kafka, topic, (m) => m.length >= 4);
      const forA = messages.filter((m) => m.key === 'a').map((m) => JSON.parse(m.value!).n);
      expect(forA).toEqual([0, 1, 3]);
      expect(messages[0].headers['x-correlation-id']).toBe('corr-outbox-0001');
      expect(await outbox.countUnpublished()).toBe(0);
    } finally {
      await relay.stop();
    }
  });

  it('emits nothing for a rolled-back transaction', async () => {
    await write(['rolled-back'], true);
    await write(['committed']);
    const relay = new OutboxRelay(kafka, outbox, testLogger());
    await relay.start();
    try {
      const messages = await waitForMessages(kafka, topic, (m) => m.some((x) => x.key === 'committed'));
      expect(messages.map((m) => m.key)).toEqual(['committed']);
    } finally {
      await relay.stop();
    }
  });

  it('loses nothing when it dies between publishing and marking: the batch goes out again', async () => {
    await write(['x', 'y']);
    // A relay that publishes and then dies before its transaction commits.
    const dying = new OutboxRelay(kafka, outbox, testLogger());
    await (dying as unknown as { producer: { connect(): Promise<void> } }).producer.connect();
    await expect(
      outbox.relayBatch(10, async (rows) => {
        await (dying as unknown as { publish(r: unknown): Promise<void> }).publish(rows);
        throw new Error('killed before commit');
      }),
    ).rejects.toThrow('killed before commit');
    await dying.stop();
    expect(await outbox.countUnpublished()).toBe(2);

    const restarted = new OutboxRelay(kafka, outbox, testLogger());
    await restarted.start();
    try {
      const messages = await waitForMessages(kafka, topic, (m) => m.length >= 4);
      expect(messages.filter((m) => m.key === 'x')).toHaveLength(2);
      expect(messages.filter((m) => m.key === 'y')).toHaveLength(2);
      expect(await outbox.countUnpublished()).toBe(0);
    } finally {
      await restarted.stop();
    }
  });

  it('two relays publish 600 rows exactly once between them', async () => {
    for (let batch = 0; batch < 6; batch++) {
      await write(Array.from({ length: 100 }, (_, i) => `k${batch * 100 + i}`));
    }
    const relays = [new OutboxRelay(kafka, outbox, testLogger(), { batchSize: 25 }), new OutboxRelay(kafka, outbox, testLogger(), { batchSize: 25 })];
    await Promise.all(relays.map((r) => r.start()));
    try {
      const messages = await waitForMessages(kafka, topic, (m) => m.length >= 600, 30_000);
      await new Promise((r) => setTimeout(r, 500));
      expect(new Set(messages.map((m) => m.key)).size).toBe(600);
      expect(messages).toHaveLength(600);
      expect(await outbox.countUnpublished()).toBe(0);
    } finally {
      await Promise.all(relays.map((r) => r.stop()));
    }
  });
});
