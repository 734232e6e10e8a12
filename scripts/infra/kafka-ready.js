'use strict';
// Exits 0 when a Kafka client can use the broker given as host:port (argv[2], else the first of KAFKA_BROKERS):
// kafkajs admin connects, the cluster lists at least one broker, and listing topics succeeds.
// Exits 1 when it cannot, 3 when kafkajs is not installed (scripts/infra then asks Kafka's own AdminClient).
// Used by scripts/infra/lib-kafka.sh; one attempt, bounded in time.
let kafkajs;
try {
  kafkajs = require('kafkajs');
} catch {
  process.exit(3);
}
const { Kafka, logLevel } = kafkajs;

const broker = process.argv[2] || (process.env.KAFKA_BROKERS || '127.0.0.1:9092').split(',')[0].trim();
setTimeout(() => {
  console.error(`kafka-ready: no answer from ${broker} within 10 s`);
  process.exit(1);
}, 10_000).unref();

const admin = new Kafka({
  clientId: 'birgemiz-infra-ready',
  brokers: [broker],
  logLevel: logLevel.NOTHING,
  connectionTimeout: 2000,
  requestTimeout: 5000,
  retry: { retries: 0 },
}).admin();

(async () => {
  await admin.connect();
  try {
    const cluster = await admin.describeCluster();
    if (cluster.brokers.length === 0) throw new Error('no broker registered yet');
    await admin.listTopics();
  } finally {
    await admin.disconnect();
  }
})().then(
  () => process.exit(0),
  (err) => {
    console.error(`kafka-ready: ${broker}: ${err.message}`);
    process.exit(1);
  },
);
