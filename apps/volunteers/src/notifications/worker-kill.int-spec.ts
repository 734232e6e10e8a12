import { applicationSubmitRequestSchema, NotificationQueues } from '@birgemiz/contracts';
import { parseRpc } from '@birgemiz/messaging';
import { cloneTemplateDatabase, templateDatabase, testInfra, testLogger, TEST_JWT_SECRET, uniqueSuffix, waitFor } from '@birgemiz/testing';
import { Global, Module, type INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { QueueEvents } from 'bullmq';
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { ApplicationsService } from '../applications/applications.service';
import { loadVolunteersConfig, VOLUNTEERS_CONFIG, type VolunteersConfig } from '../config';
import { volunteersDataSourceOptions } from '../database/data-source';
import { INSTANCE_ID, VOLUNTEERS_LOGGER } from '../tokens';
import { VolunteeringModule } from '../volunteering.module';
import { NotificationQueuesService } from './notification-queues.service';
import { NotificationTriggers } from './notification-triggers';
import { NotificationsModule } from './notifications.module';
import { SmtpSink } from './testing/smtp-sink';

const ROOT = join(__dirname, '..', '..', '..', '..');

/** A notification worker in its own process (testing/worker-process.ts, TypeScript loaded by test/int/ts-child-hook.js). */
class WorkerProcess {
  readonly output: string[] = [];
  private readonly child: ChildProcess;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  private readyLine = false;
  private closingLine = false;

  constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, ['-r', join(ROOT, 'test', 'int', 'ts-child-hook.js'), join(__dirname, 'testing', 'worker-process.ts')], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const collect = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      this.output.push(text);
      if (/^ready \d+$/m.test(text)) this.readyLine = true;
      if (/^closing$/m.test(text)) this.closingLine = true;
    };
    this.child.stdout!.on('data', collect);
    this.child.stderr!.on('data', collect);
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
    // If the test runner dies, the worker goes with it.
    process.once('exit', () => this.child.kill('SIGKILL'));
  }

  get pid(): number {
    return this.child.pid!;
  }

  async ready(): Promise<void> {
    await waitFor(() => this.readyLine || this.child.exitCode !== null, { timeoutMs: 60_000, what: 'the worker process to start' });
    if (!this.readyLine) throw new Error(`the worker process exited:\n${this.output.join('')}`);
  }

  /** After SIGTERM: resolves once the process said it is closing (its shutdown has begun). */
  async closing(): Promise<void> {
    await waitFor(() => this.closingLine || this.child.exitCode !== null, { timeoutMs: 30_000, what: 'the worker process to begin closing' });
  }

  get exitCode(): number | null {
    return this.child.exitCode;
  }

  kill(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }
}

/** The SMTP server stalls the DATA phase of the first delivery to `target` until released, then refuses or accepts it. */
interface Hold {
  target: string;
  outcome: 'refuse' | 'accept';
  state: 'no' | 'holding' | 'done';
  release: () => void;
  released: Promise<void>;
}

function holdFirstDelivery(target: string, outcome: Hold['outcome']): Hold {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  return { target, outcome, state: 'no', release, released };
}

function applicationForm(email: string, tag: string) {
  return {
    fullName: `Worker Test ${tag}`,
    email,
    phone: `8 70177${String(Math.floor(Math.random() * 100_000)).padStart(5, '0')}`,
    birthDate: '1993-07-01',
    region: 'akmola',
    city: 'Kokshetau',
    locale: 'ru',
    languages: [{ code: 'ru', level: 'native' }],
    skills: ['first-aid'],
    availability: { days: ['sat'], timesOfDay: ['morning'], hoursPerWeek: 4 },
    motivation: 'Хочу помогать своему городу.',
    consent: { accepted: true, version: '2026-01' },
  };
}

describe('notifications: a worker process killed (SIGKILL) or stopped (SIGTERM) in the middle of a job', () => {
  let sink: SmtpSink;
  let database: Awaited<ReturnType<typeof cloneTemplateDatabase>>;
  let app: INestApplicationContext;
  let config: VolunteersConfig;
  let childEnv: Record<string, string>;
  let queueEvents: QueueEvents;
  const completions: string[] = [];
  const workers: WorkerProcess[] = [];
  let hold: Hold | undefined;

  beforeAll(async () => {
    sink = await new SmtpSink({
      beforeAccept: async (message) => {
        const h = hold;
        if (h && h.state === 'no' && message.to.includes(h.target)) {
          h.state = 'holding';
          await h.released;
          h.state = 'done';
          if (h.outcome === 'refuse') throw new Error('connection lost');
        }
      },
    }).start();
    database = await cloneTemplateDatabase(templateDatabase());
    childEnv = {
      DATABASE_URL: database.url,
      REDIS_URL: testInfra.redisUrl,
      JWT_SECRET: TEST_JWT_SECRET,
      SMTP_URL: sink.url,
      PUBLIC_BASE_URL: 'https://birgemiz.test',
      NOTIFICATION_QUEUE_PREFIX: `kill-${uniqueSuffix()}`,
      NOTIFICATION_BACKOFF_MS: '100',
      NOTIFICATION_ATTEMPTS: '5',
      // A short lock: a job whose worker died is found by the stalled check within seconds.
      NOTIFICATION_LOCK_MS: '2000',
      NOTIFICATION_CONCURRENCY: '2',
      LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'warn',
    };
    // This process only enqueues (the producers); the workers run in the child processes.
    config = loadVolunteersConfig({ ...childEnv, NOTIFICATION_WORKERS: 'false' });

    @Global()
    @Module({
      providers: [
        { provide: VOLUNTEERS_CONFIG, useValue: config },
        { provide: VOLUNTEERS_LOGGER, useValue: testLogger('notifications') },
        { provide: INSTANCE_ID, useValue: 'int-kill' },
      ],
      exports: [VOLUNTEERS_CONFIG, VOLUNTEERS_LOGGER, INSTANCE_ID],
    })
    class TestEnvModule {}

    const moduleRef = await Test.createTestingModule({
      imports: [TestEnvModule, TypeOrmModule.forRoot(volunteersDataSourceOptions(database.url, 5)), VolunteeringModule, NotificationsModule.forRoot({ consumeEvents: false })],
    }).compile();
    app = await moduleRef.init();
    queueEvents = new QueueEvents(NotificationQueues.Email, { connection: { url: testInfra.redisUrl }, prefix: config.NOTIFICATION_QUEUE_PREFIX });
    queueEvents.on('completed', ({ jobId }) => completions.push(jobId));
    await queueEvents.waitUntilReady();
  });

  afterAll(async () => {
    hold?.release();
    for (const worker of workers) {
      worker.kill('SIGKILL');
      await worker.exited;
    }
    await queueEvents?.close();
    const queues = app?.get(NotificationQueuesService);
    await queues?.email.obliterate({ force: true }).catch(() => undefined);
    await app?.close();
    await database?.drop();
    await sink?.stop();
  });

  it('re-runs the stalled job once in a new worker process, and the recipient gets exactly one message', async () => {
    const tag = uniqueSuffix();
    const target = `killed-${tag}@example.kz`;
    const h = (hold = holdFirstDelivery(target, 'refuse'));
    const first = new WorkerProcess(childEnv);
    workers.push(first);
    await first.ready();

    const receipt = await app.get(ApplicationsService).submit(parseRpc(applicationSubmitRequestSchema, { form: applicationForm(target, tag) }));
    await app.get(NotificationTriggers).settled();
    const jobId = `application-received.${receipt.applicationId}`;
    const queues = app.get(NotificationQueuesService);

    // The first worker is inside the SMTP DATA phase of this job: kill its process there.
    await waitFor(() => h.state === 'holding', { timeoutMs: 30_000, what: 'the SMTP server to hold the first delivery' });
    expect(await (await queues.email.getJob(jobId))!.getState()).toBe('active');
    first.kill('SIGKILL');
    expect((await first.exited).signal).toBe('SIGKILL');
    h.release();
    await waitFor(() => h.state === 'done', { what: 'the held delivery to be refused' });
    expect(sink.to(target)).toHaveLength(0);

    // A new worker process finds the job stalled (its lock expired) and runs it again.
    const second = new WorkerProcess(childEnv);
    workers.push(second);
    await second.ready();
    await waitFor(async () => (await queues.email.getJob(jobId))?.finishedOn, { timeoutMs: 60_000, what: 'the re-run to finish' });
    const job = (await queues.email.getJob(jobId))!;
    expect(await job.getState()).toBe('completed');
    expect(job.stalledCounter).toBe(1);
    expect(job.attemptsMade).toBe(1);
    await waitFor(() => completions.includes(jobId), { what: 'the completed event' });

    const messages = sink.to(target);
    expect(messages).toHaveLength(1);
    expect(messages[0].subject).toContain(receipt.referenceNumber);
    expect(messages[0].text).toContain('Спасибо! Ваша заявка отправлена.');
    const rows = await app.get(DataSource).query(`SELECT status FROM volunteers.notification_deliveries WHERE job_id = $1`, [jobId]);
    expect(rows).toEqual([{ status: 'sent' }]);

    // Graceful shutdown of the surviving worker: SIGTERM, it closes and exits 0.
    second.kill('SIGTERM');
    expect(await second.exited).toEqual({ code: 0, signal: null });
    expect(completions.filter((id) => id === jobId)).toHaveLength(1);
  });

  it('SIGTERM while a job is in flight: the worker finishes it (one message, completed once) and then exits 0', async () => {
    const tag = uniqueSuffix();
    const target = `graceful-${tag}@example.kz`;
    const h = (hold = holdFirstDelivery(target, 'accept'));
    const worker = new WorkerProcess(childEnv);
    workers.push(worker);
    await worker.ready();

    const receipt = await app.get(ApplicationsService).submit(parseRpc(applicationSubmitRequestSchema, { form: applicationForm(target, tag) }));
    await app.get(NotificationTriggers).settled();
    const jobId = `application-received.${receipt.applicationId}`;
    const queues = app.get(NotificationQueuesService);
    await waitFor(() => h.state === 'holding', { timeoutMs: 30_000, what: 'the SMTP server to hold the delivery' });
    expect(await (await queues.email.getJob(jobId))!.getState()).toBe('active');

    // Shutdown begins while the message is inside the SMTP DATA phase. Until the server answers, the job cannot end,
    // so a worker that waits for its active jobs is still running here.
    worker.kill('SIGTERM');
    await worker.closing();
    expect(worker.exitCode).toBeNull();
    expect(await (await queues.email.getJob(jobId))!.getState()).toBe('active');
    h.release();
    expect(await worker.exited).toEqual({ code: 0, signal: null });

    // It finished the job before exiting: completed on its first run, logged, one message.
    const job = (await queues.email.getJob(jobId))!;
    expect(await job.getState()).toBe('completed');
    expect(job.stalledCounter).toBe(0);
    expect(job.attemptsMade).toBe(1);
    await waitFor(() => completions.includes(jobId), { what: 'the completed event' });
    expect(completions.filter((id) => id === jobId)).toHaveLength(1);
    const messages = sink.to(target);
    expect(messages).toHaveLength(1);
    expect(messages[0].subject).toContain(receipt.referenceNumber);
    expect(await app.get(DataSource).query(`SELECT status FROM volunteers.notification_deliveries WHERE job_id = $1`, [jobId])).toEqual([{ status: 'sent' }]);
  });
});
