'use strict';
// Proves that the local Kafka broker works with the repo's kafkajs (2.2.4): admin creates a topic with three
// partitions, an idempotent producer (acks = all) writes keyed messages, a consumer group reads them all and
// commits its offsets, the committed offsets equal the partitions' end offsets, then the topic and the group
// are deleted. Prints "kafka smoke: OK …" and exits 0, or prints what failed and exits 1.
// Usage: node scripts/infra/kafka-smoke.js   (brokers from KAFKA_BROKERS, default 127.0.0.1:9092)
process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1'; // the default (murmur2, Java-compatible) partitioner is wanted
const { Kafka, logLevel } = require('kafkajs');

const brokers = (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',').map((b) => b.trim());
const run = `${Date.now()}-${process.pid}`;
const topic = `birgemiz.smoke.check.v1.${run}`;
const groupId = `birgemiz-smoke-${run}`;
const partitions = 3;
const count = 30;
const deadlineMs = 60_000;

const kafka = new Kafka({ clientId: 'birgemiz-kafka-smoke', brokers, logLevel: logLevel.WARN });
const admin = kafka.admin();
const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
const consumer = kafka.consumer({ groupId, sessionTimeout: 6000, heartbeatInterval: 1000, maxWaitTimeInMs: 200 });
const t0 = Date.now();
const step = (what) => console.log(`kafka smoke: ${what} (+${Date.now() - t0} ms)`);

async function main() {
  await admin.connect();
  const cluster = await admin.describeCluster();
  step(`connected to ${cluster.brokers.map((b) => `${b.host}:${b.port}`).join(',')}, controller ${cluster.controller}`);

  const created = await admin.createTopics({ topics: [{ topic, numPartitions: partitions }], waitForLeaders: true });
  if (!created) throw new Error(`topic ${topic} already existed`);
  const meta = await admin.fetchTopicMetadata({ topics: [topic] });
  const got = meta.topics[0].partitions.length;
  if (got !== partitions) throw new Error(`topic has ${got} partitions, expected ${partitions}`);
  step(`created ${topic} with ${partitions} partitions`);

  await producer.connect();
  const messages = Array.from({ length: count }, (_, i) => ({ key: `aggregate-${i % 7}`, value: JSON.stringify({ i }) }));
  const acks = await producer.send({ topic, acks: -1, messages });
  step(`idempotent producer (acks all) wrote ${count} messages: ${acks.map((r) => `p${r.partition}@${r.baseOffset}`).join(' ')}`);

  const received = new Map(); // partition -> last offset
  let n = 0;
  let resolveAll;
  const all = new Promise((resolve) => (resolveAll = resolve));
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    autoCommit: false,
    eachMessage: async ({ partition, message }) => {
      received.set(partition, message.offset);
      await consumer.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
      if (++n === count) resolveAll();
    },
  });
  await Promise.race([
    all,
    new Promise((_, reject) => setTimeout(() => reject(new Error(`consumed ${n}/${count} messages in time`)), deadlineMs)),
  ]);
  step(`consumer group ${groupId} read ${n} messages from ${received.size} partitions and committed offsets`);

  const ends = await admin.fetchTopicOffsets(topic);
  const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
  for (const { partition, high } of ends) {
    const c = committed.partitions.find((p) => p.partition === partition);
    if (!c || c.offset !== high) throw new Error(`partition ${partition}: committed ${c && c.offset}, end offset ${high}`);
  }
  step(`committed offsets equal end offsets (${ends.map((e) => `p${e.partition}=${e.high}`).join(' ')})`);

  await consumer.disconnect();
  await producer.disconnect();
  await admin.deleteGroups([groupId]);
  await admin.deleteTopics({ topics: [topic] });
  step('deleted the group and the topic');
  await admin.disconnect();
}

main().then(
  () => {
    console.log(`kafka smoke: OK (kafkajs ${require('kafkajs/package.json').version}, ${brokers.join(',')}, ${Date.now() - t0} ms)`);
    process.exit(0);
  },
  async (err) => {
    console.error(`kafka smoke: FAILED: ${err.stack || err}`);
    await Promise.allSettled([consumer.disconnect(), producer.disconnect()]);
    await admin.deleteTopics({ topics: [topic] }).catch(() => {});
    await admin.disconnect().catch(() => {});
    process.exit(1);
  },
);
