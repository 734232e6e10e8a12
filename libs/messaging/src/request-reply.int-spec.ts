import 'reflect-metadata';
import { DEADLINE_HEADER, PATTERN_HEADER, replyTopicOf, requestTopicOf } from '@birgemiz/contracts';
import { deleteTopics, testInfra, testKafka, testLogger, uniqueSuffix, waitFor } from '@birgemiz/testing';
import { Controller, Module, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { KafkaHeaders, MessagePattern, Payload } from '@nestjs/microservices';
import type { Kafka } from 'kafkajs';
import { kafkaSettingsFrom } from './kafka-settings';
import { RequestReplyClient } from './request-reply-client';
import { requestReplyServer } from './service-bootstrap';
import { ensureTopics } from './topic-provisioner';
import { replyTopicSpec, requestTopicSpecs } from './topic-specs';

const settings = kafkaSettingsFrom({ KAFKA_BROKERS: testInfra.kafkaBrokers, KAFKA_SESSION_TIMEOUT_MS: 6_000, KAFKA_HEARTBEAT_INTERVAL_MS: 500 });
const suffix = uniqueSuffix();
const SERVICE = `test-rr-${suffix}`;
const PATTERN = `${SERVICE}.echo.call`;
const handled: number[] = [];

@Controller()
class EchoController {
  @MessagePattern(PATTERN)
  async echo(@Payload() payload: { n: number; delayMs?: number }): Promise<{ n: number }> {
    handled.push(payload.n);
    if (payload.delayMs) await new Promise((r) => setTimeout(r, payload.delayMs));
    return { n: payload.n };
  }
}

@Module({ controllers: [EchoController] })
class EchoModule {}

describe('Kafka request-reply client and server (real Kafka)', () => {
  const groupId = `test-rr-server-${suffix}`;
  let kafka: Kafka;
  let server: INestMicroservice | undefined;
  let client: RequestReplyClient;

  async function startServer(): Promise<void> {
    server = await NestFactory.createMicroservice(EchoModule, {
      logger: false,
      strategy: requestReplyServer({ settings, service: SERVICE, groupId, clientId: `test-rr-server-${suffix}`, logger: testLogger() }),
    });
    await server.listen();
  }

  /** Offsets the server's group has committed on the request topic, summed over partitions. */
  async function committedRequestOffsets(): Promise<number> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [topic] = await admin.fetchOffsets({ groupId, topics: [requestTopicOf(SERVICE)] });
      return topic.partitions.reduce((sum, p) => sum + Math.max(0, Number(p.offset)), 0);
    } finally {
      await admin.disconnect();
    }
  }

  async function endOffsets(): Promise<number> {
    const admin = kafka.admin();
    await admin.connect();
    try {
      const offsets = await admin.fetchTopicOffsets(requestTopicOf(SERVICE));
      return offsets.reduce((sum, p) => sum + Number(p.high), 0);
    } finally {
      await admin.disconnect();
    }
  }

  beforeAll(async () => {
    kafka = testKafka();
    await ensureTopics(kafka, [...requestTopicSpecs([PATTERN]), replyTopicSpec(SERVICE)]);
    await startServer();
    client = RequestReplyClient.create({ settings, clientId: `test-rr-client-${suffix}`, groupId: `test-rr-client-${suffix}`, caller: SERVICE, logger: testLogger(), patterns: [PATTERN] });
    await client.start(30_000);
    // The server's group may still be settling: the first requests can fall before its partitions are assigned.
    await waitFor(async () => (await client.request<{ n: number }>(PATTERN, { n: -1 }, { timeoutMs: 2_000 }).catch(() => null))?.n === -1, {
      timeoutMs: 60_000,
    });
  }, 120_000);

  afterAll(async () => {
    await client?.close();
    await server?.close();
    await deleteTopics(kafka, [requestTopicOf(SERVICE), replyTopicOf(SERVICE)]);
  });

  it('answers 300 concurrent requests, each with its own reply (replies sent together share produce requests)', async () => {
    const numbers = Array.from({ length: 300 }, (_, i) => i);
    const replies = await Promise.all(numbers.map((n) => client.request<{ n: number }>(PATTERN, { n, delayMs: n % 7 }, { timeoutMs: 20_000 })));
    expect(replies.map((r) => r.n)).toEqual(numbers);
    expect(client.pendingRequests()).toBe(0);
  });

  it('skips a request whose caller stopped waiting, and answers the next one', async () => {
    const producer = kafka.producer();
    await producer.connect();
    const headersFor = (deadline: number, id: string) => ({
      [KafkaHeaders.CORRELATION_ID]: id,
      [KafkaHeaders.REPLY_TOPIC]: replyTopicOf(SERVICE),
      [PATTERN_HEADER]: PATTERN,
      [KafkaHeaders.REPLY_PARTITION]: '0',
      [DEADLINE_HEADER]: String(deadline),
    });
    try {
      await producer.send({
        topic: requestTopicOf(SERVICE),
        acks: -1,
        messages: [{ key: 'same-partition', value: JSON.stringify({ n: 1_000_001 }), headers: headersFor(Date.now() - 60_000, `expired-${suffix}`) }],
      });
      await producer.send({
        topic: requestTopicOf(SERVICE),
        acks: -1,
        messages: [{ key: 'same-partition', value: JSON.stringify({ n: 1_000_002 }), headers: headersFor(Date.now() + 60_000, `live-${suffix}`) }],
      });
    } finally {
      await producer.disconnect();
    }
    await waitFor(() => handled.includes(1_000_002), { timeoutMs: 20_000 });
    expect(handled).not.toContain(1_000_001);
  });

  it('commits what it has read, so the next owner of a partition resumes where this one stopped', async () => {
    await Promise.all(Array.from({ length: 20 }, (_, n) => client.request(PATTERN, { n: 2_000 + n }, { timeoutMs: 20_000 })));
    const end = await endOffsets();
    await waitFor(async () => (await committedRequestOffsets()) === end, { timeoutMs: 20_000 });
    expect(await committedRequestOffsets()).toBe(end);
  });
});
