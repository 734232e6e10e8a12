import { Partitioners, logLevel as KafkaLogLevel, type KafkaConfig, type logCreator } from 'kafkajs';
import type { Logger } from 'pino';

/** Kafka settings every app derives from its validated config. */
export interface KafkaSettings {
  brokers: string[];
  sessionTimeout: number;
  heartbeatInterval: number;
}

export function kafkaSettingsFrom(config: {
  KAFKA_BROKERS: string;
  KAFKA_SESSION_TIMEOUT_MS: number;
  KAFKA_HEARTBEAT_INTERVAL_MS: number;
}): KafkaSettings {
  return {
    brokers: config.KAFKA_BROKERS.split(',').map((b) => b.trim()).filter(Boolean),
    sessionTimeout: config.KAFKA_SESSION_TIMEOUT_MS,
    heartbeatInterval: Math.min(config.KAFKA_HEARTBEAT_INTERVAL_MS, Math.floor(config.KAFKA_SESSION_TIMEOUT_MS / 3)),
  };
}

/** Bounded reconnect policy: enough to ride out a broker restart, short enough to surface a real outage. */
export const KAFKA_RETRY = { initialRetryTime: 100, maxRetryTime: 2_000, retries: 10, factor: 0.2, multiplier: 2 };

export function pinoLogCreator(logger: Logger): logCreator {
  return () =>
    ({ level, log }) => {
      const { message, ...extra } = log;
      const fields = { kafka: extra };
      if (level === KafkaLogLevel.ERROR) logger.error(fields, message);
      else if (level === KafkaLogLevel.WARN) logger.warn(fields, message);
      else if (level === KafkaLogLevel.INFO) logger.info(fields, message);
      else logger.debug(fields, message);
    };
}

export function kafkaClientConfig(settings: KafkaSettings, clientId: string, logger: Logger): KafkaConfig {
  return {
    clientId,
    brokers: settings.brokers,
    connectionTimeout: 3_000,
    requestTimeout: 30_000,
    retry: KAFKA_RETRY,
    logLevel: KafkaLogLevel.WARN,
    logCreator: pinoLogCreator(logger),
  };
}

/**
 * How long the broker may hold a fetch that finds nothing new. A held fetch is answered as soon as a record arrives,
 * so this does not delay delivery; it bounds how often an idle consumer asks (kafkajs decodes every answer, and each
 * app runs several consumers: 50 ms cost about 40 % of a core across an idle platform, 500 ms about 27 %).
 */
export const FETCH_MAX_WAIT_MS = 500;

/** Consumer settings shared by every group: long-polling fetches, short sessions, never auto-creating topics. */
export function consumerConfig(settings: KafkaSettings, groupId: string) {
  return {
    groupId,
    sessionTimeout: settings.sessionTimeout,
    rebalanceTimeout: Math.max(settings.sessionTimeout * 2, 10_000),
    heartbeatInterval: settings.heartbeatInterval,
    maxWaitTimeInMs: FETCH_MAX_WAIT_MS,
    allowAutoTopicCreation: false,
    retry: KAFKA_RETRY,
  };
}

/**
 * Producer of events (outbox relay, dead letters): idempotent, so the broker de-duplicates retried batches, and it
 * retries until Kafka takes the record — the caller holds the only copy and must not drop it.
 */
export const PRODUCER_CONFIG = {
  idempotent: true,
  maxInFlightRequests: 5,
  allowAutoTopicCreation: false,
  createPartitioner: Partitioners.DefaultPartitioner,
  retry: { ...KAFKA_RETRY, retries: Number.MAX_SAFE_INTEGER },
} as const;

/**
 * Producer of request-reply traffic (gateway requests, service replies): bounded retries, because a caller waits
 * with a timeout and a request nobody waits for any more is worthless. Not idempotent (kafkajs warns that bounded
 * retries void the idempotence guarantee); commands that must not run twice carry their own idempotency key.
 */
export const REQUEST_PRODUCER_CONFIG = {
  idempotent: false,
  allowAutoTopicCreation: false,
  createPartitioner: Partitioners.DefaultPartitioner,
  retry: { ...KAFKA_RETRY, retries: 3 },
} as const;

export const SEND_ACKS_ALL = { acks: -1 } as const;
