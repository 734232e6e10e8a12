import { patternsOf, requestTopicOf, type ServiceName } from '@birgemiz/contracts';
import { PinoNestLogger } from '@birgemiz/logging';
import type { INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import { ConcurrentKafkaServer } from './concurrent-kafka-server';
import { Kafka } from 'kafkajs';
import type { Logger } from 'pino';
import { consumerConfig, kafkaClientConfig, REQUEST_PRODUCER_CONFIG, SEND_ACKS_ALL, type KafkaSettings } from './kafka-settings';
import { RpcCorrelationInterceptor, RpcDomainExceptionFilter } from './rpc-server';
import { ensureTopics } from './topic-provisioner';
import { requestTopicSpecs, type TopicSpec } from './topic-specs';

export interface ServiceBootstrapOptions {
  service: ServiceName;
  module: Parameters<typeof NestFactory.createMicroservice>[0];
  settings: KafkaSettings;
  logger: Logger;
  instanceId: string;
  /**
   * Event topics this service produces or consumes. Its own request and reply topics are added here; all are created
   * before the consumer subscribes (the broker never auto-creates).
   */
  eventTopics: TopicSpec[];
}

/** Consumer group of a service's request-reply server; Nest appends "-server". */
export function serverGroupId(service: ServiceName): string {
  return `birgemiz-${service}`;
}

/**
 * The request-reply server every service runs (also used by the transport benchmark): the service's one request
 * topic, requests handled concurrently, replies with acks from all replicas; a new group starts at the newest request,
 * a known one where it last committed.
 */
export function requestReplyServer(setup: {
  settings: KafkaSettings;
  /** The service's name: its request topic is requestTopicOf(service). */
  service: string;
  groupId: string;
  clientId: string;
  logger: Logger;
}): ConcurrentKafkaServer {
  return new ConcurrentKafkaServer(
    {
      postfixId: '',
      client: kafkaClientConfig(setup.settings, setup.clientId, setup.logger),
      consumer: { ...consumerConfig(setup.settings, setup.groupId) },
      producer: { ...REQUEST_PRODUCER_CONFIG },
      send: { ...SEND_ACKS_ALL },
      subscribe: { fromBeginning: false },
      run: { partitionsConsumedConcurrently: 4, autoCommit: false },
    },
    requestTopicOf(setup.service),
  );
}

/**
 * Boots a service as a Nest Kafka microservice: topics ensured, one consumer group per service, requests handled
 * concurrently (ConcurrentKafkaServer), replies with acks from all replicas, correlation ids in logs, domain errors on
 * the wire, graceful shutdown (the consumer leaves its group on SIGTERM so partitions move at once).
 */
export async function bootstrapKafkaService(options: ServiceBootstrapOptions): Promise<INestMicroservice> {
  const { service, settings, logger } = options;
  const clientId = `birgemiz-${service}-${options.instanceId}`;
  await ensureTopics(new Kafka(kafkaClientConfig(settings, `${clientId}-admin`, logger)), [...requestTopicSpecs(patternsOf(service)), ...options.eventTopics], logger);

  const app = await NestFactory.createMicroservice<MicroserviceOptions>(options.module, {
    logger: new PinoNestLogger(logger),
    bufferLogs: true,
    strategy: requestReplyServer({ settings, service, groupId: serverGroupId(service), clientId, logger }),
  });
  app.useGlobalInterceptors(new RpcCorrelationInterceptor());
  app.useGlobalFilters(new RpcDomainExceptionFilter());
  app.enableShutdownHooks();
  await app.listen();
  logger.info({ service, clientId }, `${service} service is listening on Kafka`);
  return app;
}
