import '../register-paths';
import 'reflect-metadata';
import { createDatabase, dropDatabase, TEST_JWT_SECRET, testInfra, uniqueSuffix, waitFor } from '@birgemiz/testing';
import { execSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrateAll } from '../../scripts/migrate';
import { SmtpSink } from '../../apps/volunteers/src/notifications/testing/smtp-sink';
import { APPS, freePort, ROOT, setStatePath, startApp, stopApp, tailLog, writeState, type PlatformState } from './platform';

/**
 * Boots the whole platform once for the e2e tier: a fresh migrated database, the four apps from dist/ against the
 * real Kafka, PostgreSQL and Redis, and waits until the gateway reports ready.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.BIRGEMIZ_SKIP_BUILD !== '1') {
    execSync('npm run build --silent', { cwd: ROOT, stdio: 'inherit' });
  }
  const suffix = uniqueSuffix();
  const databaseName = `birgemiz_e2e_${suffix}`;
  const databaseUrl = await createDatabase(databaseName);
  await migrateAll(databaseUrl);

  const dir = mkdtempSync(join(tmpdir(), 'birgemiz-e2e-'));
  const port = await freePort();
  // A real SMTP server for the run: every accepted e-mail is written to <logDir>/mail/*.eml for the test files.
  const mailSink = await new SmtpSink({ dir: join(ROOT, '.infra', 'test-logs', `e2e-${suffix}`, 'mail') }).start();
  mailSink.unref();
  const state: PlatformState = {
    gatewayUrl: `http://127.0.0.1:${port}`,
    databaseName,
    logDir: join(ROOT, '.infra', 'test-logs', `e2e-${suffix}`),
    adminEmail: `admin-${suffix}@e2e.birgemiz.test`,
    adminPassword: `Admin-pass-${suffix}`,
    env: {
      NODE_ENV: 'test',
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'info',
      DATABASE_URL: databaseUrl,
      REDIS_URL: testInfra.redisUrl,
      KAFKA_BROKERS: testInfra.kafkaBrokers,
      KAFKA_SESSION_TIMEOUT_MS: '6000',
      KAFKA_HEARTBEAT_INTERVAL_MS: '500',
      JWT_SECRET: TEST_JWT_SECRET,
      PORT: String(port),
      HOST: '127.0.0.1',
      REQUEST_TIMEOUT_MS: '2000',
      HEALTH_TIMEOUT_MS: '1500',
      LOGIN_RATE_LIMIT_PER_IP: '10000',
      // Every e2e request comes from 127.0.0.1: per-address limits would count across tests and runs.
      APPLICATION_RATE_LIMIT_PER_IP: '1000000',
      SUBSCRIBE_RATE_LIMIT_PER_IP: '1000000',
      LOGIN_RATE_LIMIT_PER_EMAIL: '8',
      LOGIN_MAX_FAILURES: '3',
      LOGIN_LOCK_SECONDS: '600',
      SMTP_URL: mailSink.url,
      PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
      NOTIFICATION_QUEUE_PREFIX: `e2e-${suffix}`,
      NOTIFICATION_BACKOFF_MS: '200',
    },
    pids: {} as PlatformState['pids'],
  };
  state.env.BOOTSTRAP_ADMIN_EMAIL = state.adminEmail;
  state.env.BOOTSTRAP_ADMIN_PASSWORD = state.adminPassword;
  setStatePath(join(dir, 'state.json'));
  for (const app of APPS) state.pids[app] = startApp(state, app);
  writeState(state);

  try {
    await waitFor(
      async () => {
        const response = await fetch(`${state.gatewayUrl}/health/ready`);
        return response.status === 200;
      },
      { timeoutMs: 90_000, intervalMs: 250, what: 'the platform to become ready' },
    );
  } catch (error) {
    for (const app of APPS) process.stderr.write(`--- ${app} log ---\n${tailLog(state, app)}\n`);
    // Jest runs no teardown after a failed setup: leave no app behind (it would answer the next run's requests).
    await Promise.all(APPS.map((app) => stopApp(state.pids[app], 'SIGKILL')));
    await dropDatabase(databaseName);
    throw error;
  }
}
