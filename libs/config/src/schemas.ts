import { z } from 'zod';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

const urlWithProtocol = (protocols: string[]) =>
  z
    .string()
    .url()
    .refine((value) => protocols.some((p) => value.startsWith(`${p}://`)), `must start with ${protocols.map((p) => `${p}://`).join(' or ')}`);

export const runtimeConfig = {
  NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Distinguishes instances of one app in logs, health answers and Kafka client ids. */
  INSTANCE_ID: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/).optional(),
};

export const kafkaConfig = {
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:9092')
    .refine((v) => v.split(',').every((b) => /^[A-Za-z0-9.-]+:\d{1,5}$/.test(b.trim())), 'must be a comma-separated list of host:port'),
  /** Session timeout of consumer groups; the broker's group.min.session.timeout.ms bounds it from below. */
  KAFKA_SESSION_TIMEOUT_MS: int(1000, 300_000).default(10_000),
  KAFKA_HEARTBEAT_INTERVAL_MS: int(100, 60_000).default(1_000),
};

export const databaseConfig = {
  DATABASE_URL: urlWithProtocol(['postgres', 'postgresql']).default('postgres://birgemiz:birgemiz@127.0.0.1:5432/birgemiz'),
  DATABASE_POOL_SIZE: int(1, 200).default(10),
};

export const redisConfig = {
  REDIS_URL: urlWithProtocol(['redis', 'rediss']).default('redis://127.0.0.1:6379'),
};

export const jwtConfig = {
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters'),
  JWT_ACCESS_TTL_SECONDS: int(60, 86_400).default(900),
  JWT_REFRESH_TTL_SECONDS: int(300, 60 * 86_400).default(7 * 86_400),
};

export const httpConfig = {
  PORT: int(0, 65_535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** Timeout of every request-reply call from the gateway to a service. */
  REQUEST_TIMEOUT_MS: int(100, 120_000).default(5_000),
  /** Timeout of the health pings behind /health/ready. */
  HEALTH_TIMEOUT_MS: int(100, 60_000).default(1_500),
  /** Login attempts allowed per client address, and per e-mail, in one window. */
  LOGIN_RATE_LIMIT_PER_IP: int(1, 100_000).default(30),
  LOGIN_RATE_LIMIT_PER_EMAIL: int(1, 10_000).default(10),
  LOGIN_RATE_WINDOW_SECONDS: int(1, 86_400).default(60),
  /** Comments one client address may post per minute (ten times that per hour). */
  COMMENT_RATE_LIMIT_PER_MINUTE: int(1, 10_000).default(5),
  /** Subscription requests per client address, and per e-mail address, per hour. */
  SUBSCRIBE_RATE_LIMIT_PER_IP: int(1, 10_000_000).default(60),
  SUBSCRIBE_RATE_LIMIT_PER_EMAIL: int(1, 10_000).default(5),
  /** Trust X-Forwarded-For from a proxy in front of the gateway. */
  TRUST_PROXY: z.enum(['true', 'false']).default('false').transform((v) => v === 'true'),
};

export const bootstrapAdminConfig = {
  BOOTSTRAP_ADMIN_EMAIL: z.string().email().optional(),
  BOOTSTRAP_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  /** Failed logins before an account is locked, and for how long. */
  LOGIN_MAX_FAILURES: int(1, 100).default(5),
  LOGIN_LOCK_SECONDS: int(1, 86_400).default(900),
};

export const searchEngineConfig = {
  MEILISEARCH_URL: urlWithProtocol(['http', 'https']).optional(),
  MEILISEARCH_API_KEY: z.string().optional(),
  /** Prefix of the Meilisearch index names (`<prefix>-articles-public`, `<prefix>-articles-staff`). */
  MEILISEARCH_INDEX_PREFIX: z.string().regex(/^[a-z0-9_-]{1,40}$/).default('birgemiz'),
  /** Minutes between drift checks of the search index against the news service (0: only at start and on demand). */
  SEARCH_DRIFT_INTERVAL_MINUTES: int(0, 10_080).default(60),
};

/** "Become a volunteer" submissions: the repeat window (volunteers service) and rate limits (gateway). */
export const applicationsConfig = {
  /** A second application by the same e-mail within this many days is refused with 409 (0 turns the check off). */
  APPLICATION_REPEAT_WINDOW_DAYS: int(0, 3650).default(30),
  /** Submissions per client address, and per e-mail, in one window. */
  APPLICATION_RATE_LIMIT_PER_IP: int(1, 10_000_000).default(300),
  APPLICATION_RATE_LIMIT_PER_EMAIL: int(1, 10_000).default(5),
  APPLICATION_RATE_WINDOW_SECONDS: int(1, 86_400).default(3_600),
};

/**
 * Where the notification queues live: read by the volunteers service (producers and workers) and by the gateway's
 * queue dashboard, so both see the same BullMQ keys.
 */
export const notificationQueuesConfig = {
  /** Prefix of the BullMQ keys in Redis (tests use one per run so they never collide). */
  NOTIFICATION_QUEUE_PREFIX: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/).default('birgemiz'),
};

/**
 * Optional DKIM signing of every outgoing e-mail (nodemailer's `dkim` option). Large mailbox providers honour RFC 8058
 * one-click unsubscribe only when a DKIM signature covers List-Unsubscribe and List-Unsubscribe-Post. All of domain,
 * selector and one key source, or none of them (`dkimConfigCheck`, `dkimSigningOptions`).
 */
export const dkimConfig = {
  /** The signing domain (d=), normally the domain of MAIL_FROM so that DMARC aligns. */
  DKIM_DOMAIN: z
    .string()
    .regex(/^(?=.{1,253}$)(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/, 'must be a domain name')
    .optional(),
  /** The selector (s=): the public key is published at `<selector>._domainkey.<domain>`. */
  DKIM_SELECTOR: z
    .string()
    .regex(/^[A-Za-z0-9](?:[A-Za-z0-9_-]{0,62})(?:\.[A-Za-z0-9](?:[A-Za-z0-9_-]{0,62}))*$/, 'must be a DNS label (letters, digits, - and _)')
    .optional(),
  /** The PEM private key itself; line breaks may be written as `\n` (one-line environment values). */
  DKIM_PRIVATE_KEY: z
    .string()
    .optional()
    .transform((v) => v?.replace(/\\n/g, '\n')),
  /** Or a file holding the PEM private key (a mounted secret). */
  DKIM_PRIVATE_KEY_FILE: z.string().optional(),
};

/** Notifications (volunteers service): e-mail over SMTP, links in messages, webhooks, BullMQ workers. */
export const notificationsConfig = {
  ...notificationQueuesConfig,
  ...dkimConfig,
  /** smtp://user:pass@host:port or smtps://…; `?pool=true&maxConnections=N` is passed through to nodemailer. */
  SMTP_URL: urlWithProtocol(['smtp', 'smtps']).default('smtp://127.0.0.1:1025'),
  /** Sender of every e-mail, e.g. `Birgemiz <noreply@birgemiz.kz>`. */
  MAIL_FROM: z.string().min(3).max(200).default('Birgemiz <noreply@birgemiz.kz>'),
  /** Origin of the public site and API (links in e-mails: confirmation, unsubscribe, one-click). */
  PUBLIC_BASE_URL: urlWithProtocol(['http', 'https']).default('http://127.0.0.1:3000'),
  /** Lifetime of a subscription confirmation link. */
  SUBSCRIPTION_CONFIRM_TTL_HOURS: int(1, 24 * 30).default(72),
  /** Partner webhook endpoints (comma-separated https URLs; http only for 127.0.0.1/localhost) and their signing secret. */
  WEBHOOK_URLS: z.string().default(''),
  WEBHOOK_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Parallel jobs per worker, attempts per job, first retry delay (doubles each attempt). */
  NOTIFICATION_CONCURRENCY: int(1, 500).default(20),
  NOTIFICATION_ATTEMPTS: int(1, 50).default(8),
  NOTIFICATION_BACKOFF_MS: int(10, 3_600_000).default(5_000),
  /** A job whose worker stops renewing its lock for this long (a crash) is re-run by another worker. */
  NOTIFICATION_LOCK_MS: int(1_000, 600_000).default(30_000),
  /** Hour (UTC) at which daily digests go out, and the hour the day-before campaign reminders are scheduled. */
  DIGEST_HOUR_UTC: int(0, 23).default(3),
  /**
   * Background work yields to request traffic on a shared host: the workers take no new jobs while the rest of the host
   * keeps more than this percentage of all cores busy (0: never yield; the notification worker process defaults to 50),
   * and never pause longer than NOTIFICATION_YIELD_MAX_MS at a time.
   */
  NOTIFICATION_YIELD_BUSY_PERCENT: int(0, 100).default(0),
  NOTIFICATION_YIELD_MAX_MS: int(1_000, 3_600_000).default(60_000),
  /** Turns the workers off in an instance that should only enqueue (the producers always run). */
  NOTIFICATION_WORKERS: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
};
