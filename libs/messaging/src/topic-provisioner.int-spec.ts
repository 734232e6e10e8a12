import { replyTopicOf } from '@birgemiz/contracts';
import { deleteTopics, testKafka, uniqueSuffix } from '@birgemiz/testing';
import { ConfigResourceTypes, type Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { ensureTopics } from './topic-provisioner';
import { replyTopicSpec, RPC_TOPIC_CONFIG } from './topic-specs';

describe('ensureTopics (real Kafka)', () => {
  const suffix = uniqueSuffix();
  const fresh = replyTopicSpec(`test-prov-fresh-${suffix}`);
  const older = replyTopicSpec(`test-prov-older-${suffix}`);
  let kafka: Kafka;

  const settingsOf = async (topic: string): Promise<Record<string, string>> => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const { resources } = await admin.describeConfigs({
        includeSynonyms: false,
        resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: ['retention.ms', 'segment.ms', 'cleanup.policy'] }],
      });
      return Object.fromEntries(resources[0].configEntries.map((e) => [e.configName, e.configValue]));
    } finally {
      await admin.disconnect();
    }
  };

  const recordingLogger = () => {
    const infos: { fields: unknown; message: string }[] = [];
    const logger = { info: (fields: unknown, message: string) => infos.push({ fields, message }), debug: () => undefined } as unknown as Logger;
    return { logger, infos };
  };

  beforeAll(() => {
    kafka = testKafka();
  });

  afterAll(async () => {
    await deleteTopics(kafka, [fresh.topic, older.topic]);
  });

  it('creates request-reply topics that keep 10 minutes of records in 5-minute segments', async () => {
    expect(RPC_TOPIC_CONFIG).toEqual([
      { name: 'retention.ms', value: '600000' },
      { name: 'segment.ms', value: '300000' },
    ]);
    expect(await ensureTopics(kafka, [fresh])).toEqual([fresh.topic]);
    expect(await settingsOf(fresh.topic)).toMatchObject({ 'retention.ms': '600000', 'segment.ms': '300000', 'cleanup.policy': 'delete' });
  });

  it('gives an existing topic with older settings the spec values, and leaves a matching one alone', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      // As an earlier release created it: an hour of retention, the broker's default segment roll.
      await admin.createTopics({
        waitForLeaders: true,
        topics: [{ topic: older.topic, numPartitions: 1, replicationFactor: -1, configEntries: [{ name: 'retention.ms', value: '3600000' }] }],
      });
    } finally {
      await admin.disconnect();
    }
    expect((await settingsOf(older.topic))['retention.ms']).toBe('3600000');

    const first = recordingLogger();
    expect(await ensureTopics(kafka, [fresh, older], first.logger)).toEqual([]);
    expect(await settingsOf(older.topic)).toMatchObject({ 'retention.ms': '600000', 'segment.ms': '300000' });
    expect(first.infos).toEqual([{ fields: { topics: [older.topic] }, message: 'updated the settings of existing Kafka topics' }]);

    const second = recordingLogger();
    await ensureTopics(kafka, [fresh, older], second.logger);
    expect(second.infos).toEqual([]);
  });

  it('leaves topics without settings in their spec as the broker made them', async () => {
    const plain = { topic: replyTopicOf(`test-prov-plain-${suffix}`), numPartitions: 1 };
    try {
      const log = recordingLogger();
      await ensureTopics(kafka, [plain]);
      await ensureTopics(kafka, [plain], log.logger);
      expect(log.infos).toEqual([]);
      expect((await settingsOf(plain.topic))['retention.ms']).not.toBe('600000');
    } finally {
      await deleteTopics(kafka, [plain.topic]);
    }
  });
});
