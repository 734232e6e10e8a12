import {
  applicationSubmitRequestSchema,
  ArticlePublished,
  ArticleUnpublished,
  CampaignOpened,
  type ApplicationReceipt,
  type CloudEvent,
  type StaffActor,
} from '@birgemiz/contracts';
import { DomainError, ErrorCode } from '@birgemiz/errors';
import { transliterateCyrillicToLatin } from '@birgemiz/kazakh';
import { parseRpc } from '@birgemiz/messaging';
import { cloneTemplateDatabase, templateDatabase, testInfra, testLogger, TEST_JWT_SECRET, uniqueSuffix, waitFor } from '@birgemiz/testing';
import { Global, Module, type INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApplicationsService } from '../applications/applications.service';
import { CampaignsService } from '../campaigns/campaigns.service';
import { SignupsService } from '../campaigns/signups.service';
import { loadVolunteersConfig, VOLUNTEERS_CONFIG, type VolunteersConfig } from '../config';
import { volunteersDataSourceOptions } from '../database/data-source';
import { SubscriptionTokens } from '../subscriptions/subscription-tokens';
import { SubscriptionsService } from '../subscriptions/subscriptions.service';
import { INSTANCE_ID, VOLUNTEERS_LOGGER } from '../tokens';
import { VolunteeringModule } from '../volunteering.module';
import { ArticleEventsConsumer } from './article-events.consumer';
import { verifyWebhookSignature, WEBHOOK_HEADERS } from './channels/webhook.channel';
import { DeliveriesRepository } from './deliveries.repository';
import { NotificationDataRepository } from './notification-data.repository';
import { NotificationPlanner, REMINDER_LEAD_MS } from './notification-planner.service';
import { NotificationQueuesService } from './notification-queues.service';
import { NotificationOutboxRelay } from './notification-outbox-relay.service';
import { NotificationOutboxRepository } from './notification-outbox.repository';
import { NotificationTriggers } from './notification-triggers';
import { emailJobId } from './notification-jobs';
import { DAILY_DIGEST_SCHEDULER, NotificationWorkersService } from './jobs/notification-workers.service';
import { NotificationsModule } from './notifications.module';
import { checkDkimSignature } from './testing/dkim-verifier';
import { SmtpSink, type SinkMessage } from './testing/smtp-sink';

const CYRILLIC = /[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]/;
const coordinator: StaffActor = { id: randomUUID(), role: 'coordinator' };
const WEBHOOK_SECRET = 'partner-webhook-secret-0123456789abcdef';

function person(overrides: Record<string, unknown> = {}) {
  const tag = uniqueSuffix();
  return {
    fullName: `Aigul Test ${tag}`,
    email: `aigul-${tag}@example.kz`,
    phone: `8 70155${String(Math.floor(Math.random() * 100_000)).padStart(5, '0')}`,
    birthDate: '1995-04-12',
    region: 'akmola',
    city: 'Kokshetau',
    languages: [{ code: 'kk', level: 'native', scripts: ['latn'] }],
    skills: ['first-aid'],
    availability: { days: ['sat'], timesOfDay: ['morning'], hoursPerWeek: 4 },
    motivation: 'Мен өз қаламның тазалығына үлес қосқым келеді.',
    consent: { accepted: true, version: '2026-01' },
    ...overrides,
  };
}

function articleEvent(articleId: string, version: number, translations: { locale: 'kk-Cyrl' | 'kk-Latn' | 'ru' | 'en'; title: string }[], region: string | null = null): CloudEvent {
  const now = new Date().toISOString();
  return {
    id: randomUUID(),
    source: '/birgemiz/news',
    type: ArticlePublished.type,
    specversion: '1.0',
    time: now,
    subject: articleId,
    datacontenttype: 'application/json',
    data: {
      articleId,
      version,
      status: 'published',
      region,
      tags: [],
      coverImageUrl: null,
      publishedAt: now,
      updatedAt: now,
      translations: translations.map((t) => ({ locale: t.locale, title: t.title, summary: `${t.title} — summary`, body: 'Body', slug: `s-${t.locale.toLowerCase()}-${version}`, publishedAt: now, machineTranslated: false })),
    },
  } as CloudEvent;
}

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('notifications: e-mail through real SMTP, BullMQ on real Redis, PostgreSQL delivery log', () => {
  let sink: SmtpSink;
  /** Recipients the SMTP server refuses (550, quoting the address as real servers do). */
  const refused = new Set<string>();
  const dkimKeys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let receiver: Server;
  const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  let receiverFailures = 0;
  let database: Awaited<ReturnType<typeof cloneTemplateDatabase>>;
  let app: INestApplicationContext;
  let config: VolunteersConfig;
  let dataSource: DataSource;
  let applications: ApplicationsService;
  let subscriptions: SubscriptionsService;
  let queues: NotificationQueuesService;
  let triggers: NotificationTriggers;
  let consumer: ArticleEventsConsumer;

  beforeAll(async () => {
    sink = await new SmtpSink({
      beforeAccept: async (message) => {
        const address = message.to.find((to) => refused.has(to));
        if (address) throw Object.assign(new Error(`5.1.1 <${address}>: Recipient address rejected: mailbox unavailable`), { responseCode: 550 });
      },
    }).start();
    receiver = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (c: Buffer) => chunks.push(c));
      request.on('end', () => {
        if (receiverFailures > 0) {
          receiverFailures -= 1;
          response.writeHead(503).end();
          return;
        }
        received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    database = await cloneTemplateDatabase(templateDatabase());
    config = loadVolunteersConfig({
      DATABASE_URL: database.url,
      REDIS_URL: testInfra.redisUrl,
      JWT_SECRET: TEST_JWT_SECRET,
      SMTP_URL: sink.url,
      PUBLIC_BASE_URL: 'https://birgemiz.test',
      NOTIFICATION_QUEUE_PREFIX: `t-${uniqueSuffix()}`,
      NOTIFICATION_BACKOFF_MS: '100',
      NOTIFICATION_ATTEMPTS: '12',
      NOTIFICATION_LOCK_MS: '2000',
      NOTIFICATION_CONCURRENCY: '4',
      WEBHOOK_URLS: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`,
      WEBHOOK_SECRET,
      DKIM_DOMAIN: 'birgemiz.kz',
      DKIM_SELECTOR: 'int2026',
      DKIM_PRIVATE_KEY: dkimKeys.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    });

    @Global()
    @Module({
      providers: [
        { provide: VOLUNTEERS_CONFIG, useValue: config },
        { provide: VOLUNTEERS_LOGGER, useValue: testLogger('notifications') },
        { provide: INSTANCE_ID, useValue: 'int' },
      ],
      exports: [VOLUNTEERS_CONFIG, VOLUNTEERS_LOGGER, INSTANCE_ID],
    })
    class TestEnvModule {}

    const moduleRef = await Test.createTestingModule({
      imports: [TestEnvModule, TypeOrmModule.forRoot(volunteersDataSourceOptions(database.url, 20)), VolunteeringModule, NotificationsModule.forRoot({ consumeEvents: false })],
    }).compile();
    app = await moduleRef.init();
    dataSource = app.get(DataSource);
    applications = app.get(ApplicationsService);
    subscriptions = app.get(SubscriptionsService);
    queues = app.get(NotificationQueuesService);
    triggers = app.get(NotificationTriggers);
    // The Kafka side is KafkaEventConsumer's (tested in libs/messaging); here its handler is fed directly.
    consumer = new ArticleEventsConsumer(app.get(NotificationDataRepository), queues, config, 'int', testLogger());
  });

  afterAll(async () => {
    await app?.close();
    if (queues) {
      const { Queue } = await import('bullmq');
      for (const name of [queues.email.name, queues.newsletter.name, queues.webhook.name]) {
        const q = new Queue(name, { connection: { url: testInfra.redisUrl }, prefix: config.NOTIFICATION_QUEUE_PREFIX });
        await q.obliterate({ force: true }).catch(() => undefined);
        await q.close();
      }
    }
    await database?.drop();
    await sink?.stop();
    await new Promise((resolve) => receiver?.close(resolve));
  });

  async function submit(body: Record<string, unknown>): Promise<ApplicationReceipt> {
    const receipt = await applications.submit(parseRpc(applicationSubmitRequestSchema, { form: body }));
    await triggers.settled();
    return receipt;
  }

  async function mailFor(address: string, count = 1, what = 'e-mail'): Promise<SinkMessage[]> {
    return waitFor(() => sink.to(address).length >= count && sink.to(address), { timeoutMs: 20_000, what: `${what} to arrive` });
  }

  async function mailMatching(address: string, predicate: (m: SinkMessage) => boolean, what: string): Promise<SinkMessage> {
    return waitFor(() => sink.to(address).find(predicate), { timeoutMs: 20_000, what: `${what} to arrive` });
  }

  /** Waits until nothing is waiting or active in the e-mail queue (delayed jobs are not waited for). */
  async function drained(): Promise<void> {
    await waitFor(async () => {
      const c = await queues.email.getJobCounts('waiting', 'active', 'prioritized');
      return c.waiting + c.active + (c.prioritized ?? 0) === 0;
    }, { timeoutMs: 20_000, what: 'the e-mail queue to drain' });
  }

  function tokenIn(message: SinkMessage, path: string): string {
    const match = new RegExp(`${path.replace(/[/?]/g, '\\$&')}([A-Za-z0-9_.-]+)`).exec(message.text);
    if (!match) throw new Error(`no ${path} link in the message`);
    return match[1];
  }

  describe('application triggers', () => {
    it('sends one "Thank you! Your application has been sent" e-mail in the applicant’s locale and script', async () => {
      const latin = person();
      const russian = person({ locale: 'ru' });
      const english = person({ languages: [{ code: 'en', level: 'fluent' }] });
      const cyrillic = person({ languages: [{ code: 'kk', level: 'native', scripts: ['cyrl', 'latn'] }] });
      const receipt = await submit(latin);
      await Promise.all([submit(russian), submit(english), submit(cyrillic)]);

      const [toLatin] = await mailFor(latin.email);
      expect(toLatin.headers['content-language']).toBe('kk-Latn');
      expect(`${toLatin.subject}${toLatin.text}`).not.toMatch(CYRILLIC);
      expect(toLatin.subject).toContain(receipt.referenceNumber);
      expect(toLatin.text).toContain(`https://birgemiz.test/applications/status/${receipt.statusToken}`);
      expect(toLatin.messageId).toBe(`<application-received.${receipt.applicationId}@birgemiz.kz>`);
      expect((await mailFor(russian.email))[0].text).toContain('Спасибо! Ваша заявка отправлена.');
      expect((await mailFor(english.email))[0].text).toContain('Thank you! Your application has been sent.');
      expect((await mailFor(cyrillic.email))[0].text).toContain('Рахмет! Өтінішіңіз жіберілді.');

      await drained();
      for (const p of [latin, russian, english, cyrillic]) expect(sink.to(p.email)).toHaveLength(1);
      const [row] = await dataSource.query(`SELECT status, channel, message_id FROM volunteers.notification_deliveries WHERE job_id = $1`, [`application-received.${receipt.applicationId}`]);
      expect(row).toEqual({ status: 'sent', channel: 'email', message_id: `<application-received.${receipt.applicationId}@birgemiz.kz>` });
    });

    it('a repeated trigger (the same cause again) sends no second copy', async () => {
      const p = person({ locale: 'en' });
      const receipt = await submit(p);
      await mailFor(p.email);
      await triggers.applicationStatusChanged(receipt.applicationId, 'submitted');
      await triggers.settled();
      // Even a job re-added after BullMQ pruned the completed one is stopped by the delivery log.
      await queues.email.remove(`application-received.${receipt.applicationId}`);
      await queues.addEmails([{ type: 'application-received', applicationId: receipt.applicationId }]);
      await drained();
      expect(sink.to(p.email)).toHaveLength(1);
    });

    it('approval and rejection each send one message; the rejection is kind and does not quote the staff reason', async () => {
      const approved = person({ locale: 'ru' });
      const rejected = person({ locale: 'en' });
      const a = await submit(approved);
      const r = await submit(rejected);
      await applications.screen(coordinator, a.applicationId, 'start_screening', undefined);
      await applications.screen(coordinator, a.applicationId, 'approve', undefined);
      await applications.screen(coordinator, r.applicationId, 'reject', 'internal note: no availability');
      await triggers.settled();
      const approvedMail = await mailFor(approved.email, 2);
      expect(approvedMail.map((m) => m.subject).find((s) => s.startsWith('Поздравляем'))).toBeDefined();
      const rejectedMail = await mailFor(rejected.email, 2);
      const rejection = rejectedMail.find((m) => m.subject.startsWith('About your application'))!;
      expect(rejection.text).toContain('Thank you with all our heart');
      expect(rejection.text).not.toContain('internal note');
      await drained();
      expect(sink.to(approved.email)).toHaveLength(2);
      expect(sink.to(rejected.email)).toHaveLength(2);
    });

    it('alerts staff who follow the applicant’s region, in their locale, without the applicant’s contact details', async () => {
      const [staff] = await dataSource.query(
        `INSERT INTO volunteers.staff_accounts (email, display_name, role, password_hash) VALUES ($1, 'Coordinator', 'coordinator', 'x') RETURNING id, email`,
        [`coord-${uniqueSuffix()}@birgemiz.kz`],
      );
      await dataSource.query(`INSERT INTO volunteers.staff_alerts (staff_id, regions, locale) VALUES ($1, ARRAY['jambyl'], 'ru')`, [staff.id]);
      const p = person({ region: 'jambyl', locale: 'en' });
      const receipt = await submit(p);
      const [alert] = await mailFor(staff.email);
      expect(alert.subject).toBe(`Новая заявка: ${receipt.referenceNumber} (jambyl)`);
      expect(alert.text).not.toContain(p.email);
      expect(alert.text).not.toContain(p.fullName);
      await submit(person({ region: 'akmola' }));
      await drained();
      expect(sink.to(staff.email)).toHaveLength(1);
    });
  });

  describe('notification outbox (the e-mail request commits with the state change)', () => {
    /** Submits without waiting for the relay (the `submit` helper waits until the outbox is relayed). */
    const submitOnly = (body: Record<string, unknown>) => applications.submit(parseRpc(applicationSubmitRequestSchema, { form: body }));

    async function outboxRows(jobId: string): Promise<{ job_id: string; ref: unknown }[]> {
      return dataSource.query(`SELECT job_id, ref FROM volunteers.notification_outbox WHERE job_id = $1`, [jobId]);
    }

    it('a submission writes its thank-you request with the application; the relay enqueues it and deletes the row', async () => {
      const relay = app.get(NotificationOutboxRelay);
      await relay.stop();
      try {
        const p = person({ locale: 'en' });
        const receipt = await submitOnly(p);
        const jobId = `application-received.${receipt.applicationId}`;
        const [application] = await dataSource.query(`SELECT status FROM volunteers.applications WHERE id = $1`, [receipt.applicationId]);
        expect(application.status).toBe('submitted');
        const rows = await outboxRows(jobId);
        expect(rows).toEqual([{ job_id: jobId, ref: { type: 'application-received', applicationId: receipt.applicationId } }]);
        expect(emailJobId(rows[0].ref as never)).toBe(jobId);
        expect(await queues.email.getJob(jobId)).toBeUndefined();
      } finally {
        relay.start();
      }
      await triggers.settled();
      expect(await dataSource.query(`SELECT count(*)::int AS n FROM volunteers.notification_outbox`)).toEqual([{ n: 0 }]);
    });

    it('a transaction that fails after the trigger leaves neither the state change nor a notification row', async () => {
      const receipt = await submit(person({ locale: 'en' }));
      await expect(
        dataSource.transaction(async (tx) => {
          await tx.query(`UPDATE volunteers.applications SET status = 'rejected' WHERE id = $1`, [receipt.applicationId]);
          await triggers.applicationStatusChanged(receipt.applicationId, 'rejected', tx);
          expect(await tx.query(`SELECT count(*)::int AS n FROM volunteers.notification_outbox WHERE job_id = $1`, [`application-rejected.${receipt.applicationId}`])).toEqual([{ n: 1 }]);
          throw new Error('the transaction fails after the trigger');
        }),
      ).rejects.toThrow('the transaction fails after the trigger');
      expect(await outboxRows(`application-rejected.${receipt.applicationId}`)).toEqual([]);
      const [application] = await dataSource.query(`SELECT status FROM volunteers.applications WHERE id = $1`, [receipt.applicationId]);
      expect(application.status).toBe('submitted');
      await triggers.settled();
      expect(await queues.email.getJob(`application-rejected.${receipt.applicationId}`)).toBeUndefined();
    });

    it('a relay that dies after the enqueue and before deleting its rows causes no second message', async () => {
      const relay = app.get(NotificationOutboxRelay);
      const outbox = app.get(NotificationOutboxRepository);
      await relay.stop();
      const p = person({ locale: 'ru' });
      let receipt!: ApplicationReceipt;
      try {
        receipt = await submitOnly(p);
        // The claiming transaction never commits (as when the process dies: PostgreSQL rolls it back).
        await expect(
          outbox.relayBatch(500, async (rows) => {
            await relay.enqueue(rows);
            throw new Error('relay killed between enqueue and delete');
          }),
        ).rejects.toThrow('relay killed');
        expect(await outboxRows(`application-received.${receipt.applicationId}`)).toHaveLength(1);
        expect(await queues.email.getJob(`application-received.${receipt.applicationId}`)).toBeDefined();
        // The first copy may already be delivered before the next relay runs.
        await mailFor(p.email);
      } finally {
        relay.start();
      }
      await triggers.settled();
      expect(await outboxRows(`application-received.${receipt.applicationId}`)).toEqual([]);
      await drained();
      expect(sink.to(p.email)).toHaveLength(1);
      expect(
        await dataSource.query(`SELECT count(*)::int AS n FROM volunteers.notification_deliveries WHERE job_id = $1`, [`application-received.${receipt.applicationId}`]),
      ).toEqual([{ n: 1 }]);
    });

    it('a subscription request commits its confirmation request with it', async () => {
      const relay = app.get(NotificationOutboxRelay);
      await relay.stop();
      const email = `outbox-${uniqueSuffix()}@example.kz`;
      try {
        await subscriptions.subscribe({ email, locale: 'en', topics: ['news'], frequency: 'immediate' } as never);
        const [row] = await dataSource.query(`SELECT id, generation, confirm_requests FROM volunteers.subscriptions WHERE email = $1`, [email]);
        expect(await outboxRows(`subscription-confirm.${row.id}.${row.generation}.${row.confirm_requests}`)).toHaveLength(1);
      } finally {
        relay.start();
      }
      await mailFor(email);
      await drained();
      expect(sink.to(email)).toHaveLength(1);
    });
  });

  describe('sign-up triggers', () => {
    it('confirms, waitlists and promotes with one message each, in the volunteer’s locale; schedules the reminder', async () => {
      const campaigns = app.get(CampaignsService);
      const signups = app.get(SignupsService);
      const created = await campaigns.create(coordinator, {
        translations: { 'kk-Cyrl': { title: 'Саябақты тазалау', description: 'Көкшетаудағы саябақты бірге тазалаймыз.' }, ru: { title: 'Уборка парка', description: 'Вместе убираем парк в Кокшетау.' } },
        region: 'akmola',
        place: 'Kokshetau, central park',
        startsAt: '2030-05-01T09:00:00+05:00',
        endsAt: '2030-05-01T13:00:00+05:00',
        capacity: 1,
      });
      await campaigns.transition(coordinator, created.id, 'open');
      const volunteers: { email: string; volunteerId: string }[] = [];
      for (const overrides of [{}, { locale: 'ru' }]) {
        const p = person(overrides);
        const receipt = await submit(p);
        await applications.screen(coordinator, receipt.applicationId, 'start_screening', undefined);
        const detail = await applications.screen(coordinator, receipt.applicationId, 'approve', undefined);
        volunteers.push({ email: p.email, volunteerId: detail.volunteerId! });
      }
      await signups.signUp(created.id, volunteers[0].volunteerId, 'self');
      await signups.signUp(created.id, volunteers[1].volunteerId, 'self');
      await triggers.settled();
      const first = await mailFor(volunteers[0].email, 3, 'confirmation');
      const confirmed = first.find((m) => m.subject === transliterateCyrillicToLatin('Жазылу расталды: Саябақты тазалау'))!;
      expect(confirmed).toBeDefined();
      expect(`${confirmed.subject}${confirmed.text}`).not.toMatch(CYRILLIC);
      const second = await mailFor(volunteers[1].email, 3, 'waitlist message');
      expect(second.some((m) => m.subject === 'Вы в листе ожидания: Уборка парка')).toBe(true);

      await signups.cancel(created.id, volunteers[0].volunteerId);
      await triggers.settled();
      const promoted = await mailFor(volunteers[1].email, 4, 'promotion');
      expect(promoted.some((m) => m.subject === 'Освободилось место: Уборка парка')).toBe(true);
      await drained();
      expect(sink.to(volunteers[0].email)).toHaveLength(3);
      expect(sink.to(volunteers[1].email)).toHaveLength(4);
      const reminders = (await queues.email.getDelayed()).filter((j) => j.name === 'campaign-reminder');
      expect(reminders.map((j) => j.id)).toHaveLength(2);
      const due = Date.parse('2030-05-01T09:00:00+05:00') - 24 * 3600_000;
      for (const job of reminders) expect(job.timestamp + (job.opts.delay ?? 0)).toBeGreaterThanOrEqual(due - 1000);
    });
  });

  describe('scheduled triggers: the campaign reminder the day before', () => {
    it('fires when the day before arrives: one reminder per volunteer, in their locale and script; a repeated schedule sends none', async () => {
      const campaigns = app.get(CampaignsService);
      const signups = app.get(SignupsService);
      const startsAt = '2031-03-20T10:00:00+05:00';
      const created = await campaigns.create(coordinator, {
        translations: { 'kk-Cyrl': { title: 'Ағаш отырғызу', description: 'Көктемде ағаш отырғызамыз.' }, ru: { title: 'Посадка деревьев', description: 'Весной сажаем деревья.' } },
        region: 'akmola',
        place: 'Kokshetau, river bank',
        startsAt,
        endsAt: '2031-03-20T14:00:00+05:00',
        capacity: 10,
      });
      await campaigns.transition(coordinator, created.id, 'open');
      const volunteers: { email: string; volunteerId: string }[] = [];
      for (const overrides of [{}, { locale: 'ru' }]) {
        const p = person(overrides);
        const receipt = await submit(p);
        await applications.screen(coordinator, receipt.applicationId, 'start_screening', undefined);
        const detail = await applications.screen(coordinator, receipt.applicationId, 'approve', undefined);
        volunteers.push({ email: p.email, volunteerId: detail.volunteerId! });
        await signups.signUp(created.id, detail.volunteerId!, 'self');
      }
      await triggers.settled();
      for (const v of volunteers) await mailFor(v.email, 3, 'received, approved and confirmed');

      // Each sign-up has one delayed reminder, due 24 hours before the start.
      const due = Date.parse(startsAt) - REMINDER_LEAD_MS;
      const signupIds: { signupId: string; queueSeq: string }[] = [];
      for (const v of volunteers) {
        const signup = (await app.get(NotificationDataRepository).signupIdOf(created.id, v.volunteerId))!;
        signupIds.push({ signupId: signup.id, queueSeq: signup.queue_seq });
        const job = (await queues.email.getJob(`campaign-reminder.${signup.id}.${signup.queue_seq}.${Date.parse(startsAt)}`))!;
        expect(await job.getState()).toBe('delayed');
        expect(Math.abs(job.timestamp + job.delay - due)).toBeLessThan(60_000);
        expect(sink.to(v.email).some((m) => m.subject.includes('Посадка деревьев') && m.subject.startsWith('Завтра'))).toBe(false);
        // The day before arrives: the delayed job becomes due.
        await job.promote();
      }

      const [latin] = (await mailFor(volunteers[0].email, 4, 'the reminder')).filter((m) => m.subject === transliterateCyrillicToLatin('Ертең: Ағаш отырғызу'));
      expect(latin).toBeDefined();
      expect(`${latin.subject}${latin.text}`).not.toMatch(CYRILLIC);
      expect(latin.text).toContain('Kokshetau, river bank');
      expect(latin.text).toContain('2031-03-20 10:00 (UTC+5)');
      const russian = (await mailFor(volunteers[1].email, 4, 'the reminder')).filter((m) => m.subject === 'Завтра: Посадка деревьев');
      expect(russian).toHaveLength(1);

      await drained();
      const reminderIds = signupIds.map((ids) => `campaign-reminder.${ids.signupId}.${ids.queueSeq}.${Date.parse(startsAt)}`);
      for (const id of reminderIds) expect(await (await queues.email.getJob(id))!.getState()).toBe('completed');

      // Scheduling again (a repeated trigger, or a restart) with the clock an hour before the due time: the same job ids,
      // which BullMQ ignores. A different id would stay in the queue as a job delayed by an hour, and show up below.
      const planner = app.get(NotificationPlanner);
      for (const ids of signupIds) await planner.scheduleReminder(ids, new Date(startsAt), due - 3600_000);
      const jobs = await queues.email.getJobs(['waiting', 'delayed', 'active', 'prioritized', 'paused', 'completed', 'failed']);
      const ofTheseSignups = jobs.filter((j) => j.name === 'campaign-reminder' && signupIds.some((ids) => (j.data as { signupId?: string }).signupId === ids.signupId));
      expect(ofTheseSignups.map((j) => j.id).sort()).toEqual([...reminderIds].sort());
      for (const job of ofTheseSignups) expect(await job.getState()).toBe('completed');
      await drained();
      for (const v of volunteers) expect(sink.to(v.email)).toHaveLength(4);
      const rows = await dataSource.query(`SELECT count(*)::int AS n FROM volunteers.notification_deliveries WHERE type = 'campaign-reminder' AND job_id = ANY($1)`, [reminderIds]);
      expect(rows[0].n).toBe(2);
    });

    it('a campaign moved to another start gets reminders for the new start; the reminder for the old start is skipped', async () => {
      const campaigns = app.get(CampaignsService);
      const signups = app.get(SignupsService);
      const deliveries = app.get(DeliveriesRepository);
      const oldStart = '2032-06-10T10:00:00+05:00';
      const newStart = '2032-06-12T15:30:00+05:00';
      const created = await campaigns.create(coordinator, {
        translations: { 'kk-Cyrl': { title: 'Өзен жағасын тазалау', description: 'Өзен жағасын бірге тазалаймыз.' }, en: { title: 'River bank clean-up', description: 'We clean the river bank together.' } },
        region: 'akmola',
        place: 'Kokshetau, lake shore',
        startsAt: oldStart,
        endsAt: '2032-06-10T14:00:00+05:00',
        capacity: 10,
      });
      await campaigns.transition(coordinator, created.id, 'open');
      const volunteers: { email: string; signupId: string; queueSeq: string }[] = [];
      for (const overrides of [{}, { locale: 'en' }]) {
        const p = person(overrides);
        const receipt = await submit(p);
        await applications.screen(coordinator, receipt.applicationId, 'start_screening', undefined);
        const detail = await applications.screen(coordinator, receipt.applicationId, 'approve', undefined);
        await signups.signUp(created.id, detail.volunteerId!, 'self');
        const signup = (await app.get(NotificationDataRepository).signupIdOf(created.id, detail.volunteerId!))!;
        volunteers.push({ email: p.email, signupId: signup.id, queueSeq: signup.queue_seq });
      }
      await triggers.settled();
      const reminderId = (v: { signupId: string; queueSeq: string }, start: string) => `campaign-reminder.${v.signupId}.${v.queueSeq}.${Date.parse(start)}`;
      for (const v of volunteers) expect(await (await queues.email.getJob(reminderId(v, oldStart)))!.getState()).toBe('delayed');

      await campaigns.update(coordinator, created.id, { startsAt: newStart, endsAt: '2032-06-12T19:30:00+05:00' });
      await triggers.settled();
      const due = Date.parse(newStart) - REMINDER_LEAD_MS;
      for (const v of volunteers) {
        const moved = (await queues.email.getJob(reminderId(v, newStart)))!;
        expect(moved).toBeDefined();
        expect(await moved.getState()).toBe('delayed');
        expect(Math.abs(moved.timestamp + moved.delay - due)).toBeLessThan(60_000);
        // The old start's day arrives first: its reminder finds the campaign moved and sends nothing.
        await (await queues.email.getJob(reminderId(v, oldStart)))!.promote();
        await waitFor(async () => (await deliveries.find(reminderId(v, oldStart)))?.status === 'skipped', { what: 'the old reminder to be skipped' });
        await moved.promote();
      }
      const latin = await mailMatching(volunteers[0].email, (m) => m.subject === transliterateCyrillicToLatin('Ертең: Өзен жағасын тазалау'), 'the reminder for the new start');
      expect(latin.text).toContain('2032-06-12 15:30 (UTC+5)');
      expect(`${latin.subject}${latin.text}`).not.toMatch(CYRILLIC);
      const english = await mailMatching(volunteers[1].email, (m) => m.subject === 'Tomorrow: River bank clean-up', 'the reminder for the new start');
      expect(english.text).toContain('2032-06-12 15:30 (UTC+5)');

      // Saving the campaign again without moving it schedules nothing more.
      await campaigns.update(coordinator, created.id, { place: 'Kokshetau, lake shore (north)' });
      await triggers.settled();
      await drained();
      for (const v of volunteers) {
        expect(sink.to(v.email).filter((m) => m.subject.startsWith(transliterateCyrillicToLatin('Ертең: ')) || m.subject.startsWith('Tomorrow: '))).toHaveLength(1);
        const reminders = (await queues.email.getJobs(['waiting', 'delayed', 'active', 'completed', 'failed'])).filter(
          (j) => j.name === 'campaign-reminder' && (j.data as { signupId?: string }).signupId === v.signupId,
        );
        expect(reminders.map((j) => j.id).sort()).toEqual([reminderId(v, oldStart), reminderId(v, newStart)].sort());
      }
      const rows = await dataSource.query(`SELECT job_id, status FROM volunteers.notification_deliveries WHERE job_id = ANY($1) ORDER BY status`, [
        volunteers.flatMap((v) => [reminderId(v, oldStart), reminderId(v, newStart)]),
      ]);
      expect(rows.map((r: { status: string }) => r.status)).toEqual(['sent', 'sent', 'skipped', 'skipped']);
    });
  });

  describe('subscriptions: double opt-in, unsubscribe, newsletters', () => {
    async function confirmedSubscriber(locale: 'kk-Cyrl' | 'kk-Latn' | 'ru' | 'en', extra: Record<string, unknown> = {}) {
      const email = `reader-${uniqueSuffix()}@example.kz`;
      expect(await subscriptions.subscribe({ email, locale, topics: ['news'], frequency: 'immediate', ...extra } as never)).toEqual({ accepted: true, next: 'confirm_by_email' });
      const [confirmation] = await mailFor(email, 1, 'confirmation e-mail');
      const token = tokenIn(confirmation, 'https://birgemiz.test/subscriptions/confirm?token=');
      expect((await subscriptions.confirm(token)).status).toBe('confirmed');
      return { email, confirmation };
    }

    it('sends nothing but the confirmation until the link is used; refuses forged and expired tokens', async () => {
      const email = `pending-${uniqueSuffix()}@example.kz`;
      await subscriptions.subscribe({ email, locale: 'ru', topics: ['news'], frequency: 'immediate' } as never);
      const [confirmation] = await mailFor(email, 1, 'confirmation');
      expect(confirmation.subject).toBe('Подтвердите подписку');
      const token = tokenIn(confirmation, 'https://birgemiz.test/subscriptions/confirm?token=');
      const forged = `${token.slice(0, -2)}${token.endsWith('AA') ? 'BB' : 'AA'}`;
      expect((await rejection(subscriptions.confirm(forged))).issues[0].reason).toBe('invalid_token');
      const [{ id }] = await dataSource.query(`SELECT id FROM volunteers.subscriptions WHERE email = $1`, [email]);
      const expired = app.get((await import('../subscriptions/subscription-tokens')).SubscriptionTokens).sign({ purpose: 'confirm', subscriptionId: id, generation: 1, expiresAt: Math.floor(Date.now() / 1000) - 5 });
      expect((await rejection(subscriptions.confirm(expired))).issues[0].reason).toBe('token_expired');
      const [row] = await dataSource.query(`SELECT status FROM volunteers.subscriptions WHERE id = $1`, [id]);
      expect(row.status).toBe('pending');

      const article = randomUUID();
      await consumer.onArticle(articleEvent(article, 1, [{ locale: 'ru', title: 'Новость для ожидающих' }]));
      await waitFor(async () => (await app.get(NotificationDataRepository).issue(article))?.fanned_out_at, { what: 'fan-out' });
      await drained();
      expect(sink.to(email)).toHaveLength(1);
    });

    it('newsletters reach confirmed subscribers once, in their locale and script with fallback; a re-delivered event sends nothing more', async () => {
      const latin = await confirmedSubscriber('kk-Latn');
      const english = await confirmedSubscriber('en');
      const region = await confirmedSubscriber('ru', { topics: ['region'], region: 'mangystau' });
      const article = randomUUID();
      const event = articleEvent(article, 3, [{ locale: 'kk-Cyrl', title: 'Астанада жастар ағаш отырғызды' }, { locale: 'ru', title: 'В Астане молодёжь посадила деревья' }]);
      await consumer.onArticle(event);
      await consumer.onArticle(event);
      const [toLatin] = (await mailFor(latin.email, 2, 'newsletter')).filter((m) => m !== latin.confirmation);
      expect(toLatin.subject).toBe(transliterateCyrillicToLatin('Астанада жастар ағаш отырғызды'));
      expect(`${toLatin.subject}${toLatin.text}`).not.toMatch(CYRILLIC);
      expect(toLatin.headers['list-unsubscribe']).toMatch(/^<https:\/\/birgemiz\.test\/api\/v1\/subscriptions\/one-click\/[A-Za-z0-9_.-]+>$/);
      expect(toLatin.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
      // DKIM (configured for this suite): the signature verifies with the public key and covers both RFC 8058 headers.
      const dkim = checkDkimSignature(toLatin.raw, dkimKeys.publicKey);
      expect(dkim).toMatchObject({ domain: 'birgemiz.kz', selector: 'int2026', bodyHashMatches: true, signatureValid: true });
      expect(dkim.signedHeaders).toEqual(expect.arrayContaining(['from', 'to', 'subject', 'message-id', 'list-unsubscribe', 'list-unsubscribe-post']));
      const [toEnglish] = (await mailFor(english.email, 2, 'newsletter')).filter((m) => m !== english.confirmation);
      expect(toEnglish.subject).toBe('В Астане молодёжь посадила деревья');

      // A later version (one more translation) of the same article is not a second newsletter.
      await consumer.onArticle(articleEvent(article, 4, [{ locale: 'kk-Cyrl', title: 'Астанада жастар ағаш отырғызды' }, { locale: 'en', title: 'Young people planted trees' }]));
      await drained();
      expect(sink.to(latin.email)).toHaveLength(2);
      expect(sink.to(english.email)).toHaveLength(2);
      expect(sink.to(region.email)).toHaveLength(1);

      await consumer.onArticle(articleEvent(randomUUID(), 1, [{ locale: 'ru', title: 'Новости Мангистау' }], 'mangystau'));
      const regional = await mailFor(region.email, 2, 'regional newsletter');
      expect(regional[1].subject).toBe('Новости Мангистау');
    });

    it('unsubscribes by link and by one-click; unsubscribed people get nothing; replays are 409 and change nothing', async () => {
      const byLink = await confirmedSubscriber('en');
      const byClick = await confirmedSubscriber('en');
      const first = randomUUID();
      await consumer.onArticle(articleEvent(first, 1, [{ locale: 'en', title: 'First news' }]));
      const [mailA] = (await mailFor(byLink.email, 2)).slice(1);
      const [mailB] = (await mailFor(byClick.email, 2)).slice(1);
      const linkToken = tokenIn(mailA, 'https://birgemiz.test/subscriptions/unsubscribe?token=');
      const oneClickToken = /one-click\/([A-Za-z0-9_.-]+)>/.exec(mailB.headers['list-unsubscribe'])![1];

      expect((await subscriptions.updatePreferences({ token: linkToken, locale: 'ru' } as never)).locale).toBe('ru');
      expect((await subscriptions.unsubscribe(linkToken, 'link')).status).toBe('unsubscribed');
      expect((await subscriptions.unsubscribe(oneClickToken, 'one-click')).status).toBe('unsubscribed');
      const replay = await rejection(subscriptions.unsubscribe(oneClickToken, 'one-click'));
      expect(replay.code).toBe(ErrorCode.Conflict);
      expect(replay.issues[0].reason).toBe('already_unsubscribed');
      const rows = await dataSource.query(`SELECT email, status, unsubscribe_method FROM volunteers.subscriptions WHERE email IS NULL AND unsubscribe_method IS NOT NULL ORDER BY unsubscribed_at DESC LIMIT 2`);
      expect(rows.map((r: { unsubscribe_method: string }) => r.unsubscribe_method).sort()).toEqual(['link', 'one-click']);

      await consumer.onArticle(articleEvent(randomUUID(), 1, [{ locale: 'en', title: 'Second news' }]));
      const watcher = await confirmedSubscriber('en');
      await consumer.onArticle(articleEvent(randomUUID(), 1, [{ locale: 'en', title: 'Third news' }]));
      await mailFor(watcher.email, 2, 'the third newsletter to a still-subscribed reader');
      await drained();
      expect(sink.to(byLink.email)).toHaveLength(2);
      expect(sink.to(byClick.email)).toHaveLength(2);
    });

    it('a preferences change applies to the next mail: a new locale and script, then the daily digest instead of immediate mail', async () => {
      const reader = await confirmedSubscriber('en');
      const [{ id: subscriptionId }] = await dataSource.query(`SELECT id FROM volunteers.subscriptions WHERE email = $1`, [reader.email]);
      const first = randomUUID();
      await consumer.onArticle(articleEvent(first, 1, [{ locale: 'kk-Cyrl', title: 'Көктемгі сенбілік' }, { locale: 'en', title: 'Spring clean-up day' }]));
      const english = await mailMatching(reader.email, (m) => m.subject === 'Spring clean-up day', 'the newsletter in English');
      expect(english.headers['content-language']).toBe('en');
      const token = tokenIn(english, 'https://birgemiz.test/subscriptions/preferences?token=');
      expect(await subscriptions.get(token)).toEqual({
        status: 'confirmed',
        emailMasked: `r***@example.kz`,
        locale: 'en',
        topics: ['news'],
        region: null,
        frequency: 'immediate',
        confirmedAt: expect.any(String),
      });

      // Locale: the next newsletter comes in Kazakh, Latin script (transliterated from the Cyrillic translation).
      expect((await subscriptions.updatePreferences({ token, locale: 'kk-Latn' } as never)).locale).toBe('kk-Latn');
      expect(await subscriptions.get(token)).toMatchObject({ status: 'confirmed', locale: 'kk-Latn', frequency: 'immediate' });
      const second = randomUUID();
      await consumer.onArticle(articleEvent(second, 1, [{ locale: 'kk-Cyrl', title: 'Еріктілер күні' }, { locale: 'en', title: 'Volunteers day' }]));
      const latin = await mailMatching(reader.email, (m) => m.messageId === `<newsletter-article.${second}.${subscriptionId}@birgemiz.kz>`, 'the newsletter in the new locale');
      expect(latin.subject).toBe(transliterateCyrillicToLatin('Еріктілер күні'));
      expect(latin.headers['content-language']).toBe('kk-Latn');
      expect(`${latin.subject}${latin.text}`).not.toMatch(CYRILLIC);

      // Frequency: daily readers get no immediate newsletter (their fan-out adds no job for them).
      expect((await subscriptions.updatePreferences({ token, frequency: 'daily' } as never)).frequency).toBe('daily');
      expect(await subscriptions.get(token)).toMatchObject({ locale: 'kk-Latn', frequency: 'daily' });
      const third = randomUUID();
      await consumer.onArticle(articleEvent(third, 1, [{ locale: 'en', title: 'Not before the digest' }]));
      await waitFor(async () => (await app.get(NotificationDataRepository).issue(third))?.fanned_out_at, { what: 'the fan-out' });
      expect(await queues.email.getJob(`newsletter-article.${third}.${subscriptionId}`)).toBeUndefined();
      await drained();
      expect(await app.get(DeliveriesRepository).find(`newsletter-article.${third}.${subscriptionId}`)).toBeNull();
      const ours = sink.to(reader.email).filter((m) => [first, second, third].some((article) => m.messageId.startsWith(`<newsletter-article.${article}.`)));
      expect(ours.map((m) => m.subject)).toEqual(['Spring clean-up day', transliterateCyrillicToLatin('Еріктілер күні')]);
    });

    it('an opened campaign is announced once to the campaigns topic, by region, in each subscriber’s locale and script', async () => {
      const campaigns = app.get(CampaignsService);
      const latin = await confirmedSubscriber('kk-Latn', { topics: ['campaigns'] });
      const english = await confirmedSubscriber('en', { topics: ['campaigns', 'region'], region: 'akmola' });
      const russian = await confirmedSubscriber('ru', { topics: ['news', 'campaigns'] });
      const otherRegion = await confirmedSubscriber('ru', { topics: ['campaigns', 'region'], region: 'atyrau' });
      const newsOnly = await confirmedSubscriber('en');
      const leaving = await confirmedSubscriber('en', { topics: ['campaigns'] });
      const [gone] = await dataSource.query(`SELECT id, generation FROM volunteers.subscriptions WHERE email = $1`, [leaving.email]);
      const manage = app.get(SubscriptionTokens).sign({ purpose: 'manage', subscriptionId: gone.id, generation: gone.generation, expiresAt: 0 });
      await subscriptions.unsubscribe(manage, 'link');

      const created = await campaigns.create(coordinator, {
        translations: {
          'kk-Cyrl': { title: 'Қарт адамдарға көмек', description: 'Қарттарға азық-түлік жеткіземіз.' },
          ru: { title: 'Помощь пожилым', description: 'Развозим продукты пожилым людям.' },
        },
        region: 'akmola',
        place: 'Kokshetau, volunteer centre',
        startsAt: '2033-09-01T10:00:00+05:00',
        endsAt: '2033-09-01T16:00:00+05:00',
        capacity: 20,
      });
      await campaigns.transition(coordinator, created.id, 'open');
      // The CloudEvent the service wrote to its outbox for Kafka, fed to the consumer's handler (twice: a redelivery).
      const [{ event }] = await dataSource.query(`SELECT event FROM volunteers.outbox_events WHERE key = $1 AND event->>'type' = $2`, [created.id, CampaignOpened.type]);
      await consumer.onCampaign(event as CloudEvent);
      await consumer.onCampaign(event as CloudEvent);

      const isAnnouncement = (m: SinkMessage) => m.messageId.startsWith(`<campaign-opened.${created.id}.`);
      const toLatin = await mailMatching(latin.email, isAnnouncement, 'the announcement (Latin)');
      expect(toLatin.subject).toBe(transliterateCyrillicToLatin('Жаңа акция: Қарт адамдарға көмек'));
      expect(`${toLatin.subject}${toLatin.text}`).not.toMatch(CYRILLIC);
      expect(toLatin.text).toContain(transliterateCyrillicToLatin('Қарттарға азық-түлік жеткіземіз.'));
      expect(toLatin.text).toContain('2033-09-01 10:00 (UTC+5)');
      expect(toLatin.text).toContain(`https://birgemiz.test/campaigns/${created.id}?locale=kk-Latn`);
      expect(toLatin.headers['list-unsubscribe']).toMatch(/^<https:\/\/birgemiz\.test\/api\/v1\/subscriptions\/one-click\/[A-Za-z0-9_.-]+>$/);
      expect(toLatin.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
      // No English text: the English template with the Russian title (the campaign's fallback).
      const toEnglish = await mailMatching(english.email, isAnnouncement, 'the announcement (English, same region)');
      expect(toEnglish.subject).toBe('New campaign: Помощь пожилым');
      expect(toEnglish.headers['content-language']).toBe('en');
      const toRussian = await mailMatching(russian.email, isAnnouncement, 'the announcement (Russian)');
      expect(toRussian.subject).toBe('Новая акция: Помощь пожилым');
      expect(toRussian.text).toContain('Место: Kokshetau, volunteer centre.');

      await waitFor(async () => (await queues.newsletter.getJob(`campaign-fanout.${created.id}`))?.finishedOn, { what: 'the campaign fan-out' });
      await drained();
      // Even a redelivery after the fan-out job was pruned sends no second copy (same e-mail job ids, delivery log).
      await queues.newsletter.remove(`campaign-fanout.${created.id}`);
      await consumer.onCampaign(event as CloudEvent);
      await waitFor(async () => (await queues.newsletter.getJob(`campaign-fanout.${created.id}`))?.finishedOn, { what: 'the repeated fan-out' });
      await drained();
      for (const reader of [latin, english, russian]) expect(sink.to(reader.email).filter(isAnnouncement)).toHaveLength(1);
      for (const reader of [otherRegion, newsOnly, leaving]) expect(sink.to(reader.email).filter(isAnnouncement)).toHaveLength(0);
      const [{ n }] = await dataSource.query(`SELECT count(*)::int AS n FROM volunteers.notification_deliveries WHERE job_id LIKE $1 AND status = 'sent'`, [`campaign-opened.${created.id}.%`]);
      expect(n).toBe(3);
    });

    it('the daily digest fires at DIGEST_HOUR_UTC: one message per daily subscriber, in their locale and script, once', async () => {
      const latin = await confirmedSubscriber('kk-Latn', { frequency: 'daily' });
      const regional = await confirmedSubscriber('ru', { frequency: 'daily', topics: ['region'], region: 'atyrau' });
      const national = randomUUID();
      await consumer.onArticle(articleEvent(national, 1, [{ locale: 'kk-Cyrl', title: 'Күнделікті жаңалық' }, { locale: 'ru', title: 'Ежедневная новость' }]));
      await consumer.onArticle(articleEvent(randomUUID(), 1, [{ locale: 'ru', title: 'Новости Атырау' }], 'atyrau'));
      await waitFor(async () => (await app.get(NotificationDataRepository).issue(national))?.fanned_out_at, { what: 'the immediate fan-out' });
      await drained();
      // Daily readers get no immediate newsletter.
      expect(sink.to(latin.email)).toHaveLength(1);
      expect(sink.to(regional.email)).toHaveLength(1);

      // The job scheduler's next run is the next DIGEST_HOUR_UTC:00 (UTC) after now; its job waits as a delayed job.
      const scheduler = (await queues.newsletter.getJobScheduler(DAILY_DIGEST_SCHEDULER))!;
      expect(scheduler.pattern).toBe(`0 ${config.DIGEST_HOUR_UTC} * * *`);
      const next = Number(scheduler.next);
      expect(new Date(next).getUTCHours()).toBe(config.DIGEST_HOUR_UTC);
      expect(new Date(next).getUTCMinutes()).toBe(0);
      expect(next).toBeGreaterThan(Date.now());
      expect(next - 24 * 3600_000).toBeLessThanOrEqual(Date.now());
      const day = new Date(next).toISOString().slice(0, 10);
      const run = (await queues.newsletter.getJob(`repeat:${DAILY_DIGEST_SCHEDULER}:${next}`))!;
      expect(await run.getState()).toBe('delayed');
      // The hour arrives.
      await run.promote();

      const digestSubject = (prefix: string) => (m: SinkMessage) => m.subject === `${prefix}${day}`;
      const [toLatin] = (await mailFor(latin.email, 2, 'the digest')).filter(digestSubject(transliterateCyrillicToLatin('Күн жаңалықтары: ')));
      expect(toLatin).toBeDefined();
      expect(toLatin.text).toContain(transliterateCyrillicToLatin('Күнделікті жаңалық'));
      expect(toLatin.text).toContain(transliterateCyrillicToLatin('Соңғы тәуліктегі жаңалықтар:'));
      // Kazakh text in Latin script only (articles of other tests that exist in Russian only come in Russian: fallback).
      expect(toLatin.subject).not.toMatch(CYRILLIC);
      expect(toLatin.text).not.toContain('Күнделікті жаңалық');
      expect(toLatin.text).not.toContain('Ежедневная новость');
      expect(toLatin.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
      const [toRegional] = (await mailFor(regional.email, 2, 'the digest')).filter(digestSubject('Новости дня: '));
      expect(toRegional.text).toContain('Новости Атырау');
      expect(toRegional.text).not.toContain('Ежедневная новость');

      // The scheduler moved on to the next day; the same day's fan-out run again sends nothing more.
      await waitFor(async () => Number((await queues.newsletter.getJobScheduler(DAILY_DIGEST_SCHEDULER))?.next) === next + 24 * 3600_000, { what: 'the next run to be planned' });
      await queues.addNewsletter({ kind: 'digest-fanout', day });
      await waitFor(async () => (await queues.newsletter.getJob(`digest-fanout.${day}`))?.finishedOn, { what: 'the repeated fan-out' });
      await drained();
      expect(sink.to(latin.email)).toHaveLength(2);
      expect(sink.to(regional.email)).toHaveLength(2);
    });

    it('an article withdrawn before its jobs ran sends nothing', async () => {
      const reader = await confirmedSubscriber('en');
      await queues.email.pause();
      const article = randomUUID();
      await consumer.onArticle(articleEvent(article, 2, [{ locale: 'en', title: 'Soon gone' }]));
      await waitFor(async () => (await app.get(NotificationDataRepository).issue(article))?.fanned_out_at, { what: 'fan-out' });
      await consumer.onArticle({ ...articleEvent(article, 3, []), type: ArticleUnpublished.type, data: { articleId: article, version: 3, occurredAt: new Date().toISOString() } } as CloudEvent);
      await queues.email.resume();
      await drained();
      expect(sink.to(reader.email)).toHaveLength(1);
    });
  });

  describe('reliability', () => {
    it('an SMTP server down for a while delays mail but loses none (retries with backoff)', async () => {
      await sink.stop();
      const p = person({ locale: 'en' });
      const receipt = await submit(p);
      const jobId = `application-received.${receipt.applicationId}`;
      await waitFor(async () => ((await queues.email.getJob(jobId))?.attemptsMade ?? 0) >= 2, { what: 'two failed attempts', timeoutMs: 20_000 });
      expect(sink.to(p.email)).toHaveLength(0);
      await sink.restart();
      await mailFor(p.email);
      await drained();
      expect(sink.to(p.email)).toHaveLength(1);
    });

    it('the delivery log unwritable after SMTP accepted (a database outage): the retry logs it and sends no second copy', async () => {
      const deliveries = app.get(DeliveriesRepository);
      const record = deliveries.record.bind(deliveries);
      let failures = 0;
      const spy = jest.spyOn(deliveries, 'record').mockImplementation(async (d) => {
        // Every write of this job's "sent" row fails during the first attempt (more than its own write retries).
        if (d.status === 'sent' && d.attempts === 1) {
          failures += 1;
          throw new Error('connect ECONNREFUSED (database down)');
        }
        return record(d);
      });
      try {
        const p = person({ locale: 'en' });
        const receipt = await submit(p);
        const jobId = `application-received.${receipt.applicationId}`;
        await waitFor(async () => (await deliveries.find(jobId))?.status === 'sent', { what: 'the delivery to be logged by the retry', timeoutMs: 30_000 });
        await drained();
        expect(failures).toBeGreaterThan(1);
        expect(sink.to(p.email)).toHaveLength(1);
      } finally {
        spy.mockRestore();
      }
    }, 60_000);

    it('a worker stopped abruptly mid-send: the stalled job runs again once and the recipient gets one message', async () => {
      const workers = app.get(NotificationWorkersService);
      const p = person({ locale: 'en' });
      let release!: () => void;
      const held = new Promise<void>((resolve) => (release = resolve));
      const stoppedSink = sink;
      // The SMTP server holds this recipient's first message; the worker is killed while it waits for the answer.
      let holdOnce = true;
      await stoppedSink.stop();
      const slow = await new SmtpSink({
        port: Number(new URL(config.SMTP_URL).port),
        beforeAccept: async (m) => {
          if (holdOnce && m.to.includes(p.email)) {
            holdOnce = false;
            await held;
            throw new Error('connection lost');
          }
        },
      }).start();
      try {
        const receipt = await submit(p);
        const jobId = `application-received.${receipt.applicationId}`;
        await waitFor(async () => (await queues.email.getJob(jobId))?.processedOn, { what: 'the job to start' });
        await waitFor(() => !holdOnce, { what: 'the SMTP server to hold the message' });
        // Crash: the worker's Redis connections go away without finishing the job (no completion, no failure).
        await (workers as unknown as { workers: { close: (force: boolean) => Promise<void> }[] }).workers[0].close(true);
        for (const c of (workers as unknown as { connections: { disconnect: () => void }[] }).connections) c.disconnect();
        release();
        await workers.close();
        expect(slow.to(p.email)).toHaveLength(0);
        await workers.onApplicationBootstrap();
        await waitFor(() => slow.to(p.email).length > 0 && slow.to(p.email), { what: 'the re-run to deliver', timeoutMs: 30_000 });
        await drained();
        expect(slow.to(p.email)).toHaveLength(1);
        const job = await queues.email.getJob(jobId);
        expect(await job?.getState()).toBe('completed');
        // It came back through the stalled check (its lock expired), not through a recorded failure.
        expect(job?.stalledCounter).toBe(1);
        expect(job?.attemptsMade).toBe(1);
      } finally {
        await slow.stop();
        await stoppedSink.restart();
      }
    });
  });

  describe('webhooks and operations', () => {
    it('delivers published articles to partner endpoints with a verifiable signature, retrying a failing endpoint', async () => {
      receiverFailures = 2;
      const event = articleEvent(randomUUID(), 1, [{ locale: 'en', title: 'Partner news' }]);
      await consumer.onArticle(event);
      await consumer.onArticle(event);
      const delivery = await waitFor(() => received.find((r) => r.body.includes(event.id)), { what: 'the webhook', timeoutMs: 20_000 });
      const signature = String(delivery.headers[WEBHOOK_HEADERS.Signature]);
      expect(signature).toMatch(/^v1=[0-9a-f]{64}$/);
      expect(verifyWebhookSignature(WEBHOOK_SECRET, signature, String(delivery.headers[WEBHOOK_HEADERS.Timestamp]), delivery.body)).toBe(true);
      expect(JSON.parse(delivery.body)).toMatchObject({ id: event.id, type: 'kz.birgemiz.news.article.published' });
      // The receiver has the body before the worker records the job as completed: wait for the completion itself.
      const job = await waitFor(async () => (await queues.webhook.getJobs(['completed'])).find((j) => j.data.eventId === event.id), {
        what: 'the webhook job to complete',
      });
      expect(received.filter((r) => r.body.includes(event.id))).toHaveLength(1);
      const [log] = await dataSource.query(`SELECT response_status, attempts FROM volunteers.notification_deliveries WHERE job_id = $1`, [job.id]);
      expect(log).toEqual({ response_status: 204, attempts: 3 });
      // Every attempt is in the delivery history, the failed ones with their HTTP status.
      const attempts = await dataSource.query(
        `SELECT attempt, outcome, response_status, error, endpoint_host FROM volunteers.webhook_attempts WHERE job_id = $1 ORDER BY attempt`,
        [job.id],
      );
      const host = `127.0.0.1:${(receiver.address() as AddressInfo).port}`;
      expect(attempts).toEqual([
        { attempt: 1, outcome: 'failed', response_status: 503, error: 'webhook answered 503', endpoint_host: host },
        { attempt: 2, outcome: 'failed', response_status: 503, error: 'webhook answered 503', endpoint_host: host },
        { attempt: 3, outcome: 'delivered', response_status: 204, error: null, endpoint_host: host },
      ]);
    });

    it('logs a webhook attempt that fails without an answer (endpoint unreachable)', async () => {
      const closed = createServer();
      await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
      const port = (closed.address() as AddressInfo).port;
      await new Promise((resolve) => closed.close(resolve));
      const event = articleEvent(randomUUID(), 1, [{ locale: 'en', title: 'Nobody listens' }]);
      // One attempt only, so that the job ends failed (kept) instead of retrying while the suite goes on.
      const job = await queues.webhook.add(
        'deliver',
        { endpoint: `http://127.0.0.1:${port}/hooks`, eventId: event.id, eventType: event.type, body: JSON.stringify(event), enqueuedAt: Date.now() },
        { ...queues.jobOptions, jobId: `webhook.unreachable-${uniqueSuffix()}`, attempts: 1 },
      );
      await waitFor(async () => (await job.getState()) === 'failed', { what: 'the delivery to fail' });
      const attempts = await dataSource.query(`SELECT attempt, outcome, response_status, error, endpoint_host FROM volunteers.webhook_attempts WHERE job_id = $1`, [job.id]);
      expect(attempts).toEqual([{ attempt: 1, outcome: 'failed', response_status: null, error: 'webhook request failed: ECONNREFUSED', endpoint_host: `127.0.0.1:${port}` }]);
      expect(await app.get(DeliveriesRepository).find(job.id!)).toBeNull();
      expect((await queues.webhook.getJob(job.id!))!.failedReason).toBe('webhook request failed: ECONNREFUSED');
    });

    it('a failed e-mail job: kept, counted, listed without the address; a staff retry runs it again and delivers one message', async () => {
      const email = `refused-${uniqueSuffix()}@example.kz`;
      refused.add(email);
      // A pending subscription and its confirmation e-mail as one job with a single attempt (it fails at once).
      const [sub] = await dataSource.query(`INSERT INTO volunteers.subscriptions (email, locale, topics) VALUES ($1, 'en', ARRAY['news']) RETURNING id, generation`, [email]);
      const ref = { type: 'subscription-confirm' as const, subscriptionId: sub.id as string, generation: sub.generation as number, request: 1 };
      const jobId = emailJobId(ref);
      const failedBefore = (await queues.snapshot()).failed['subscription-confirm'] ?? 0;
      await queues.email.add(ref.type, { ...ref, enqueuedAt: Date.now() }, { ...queues.jobOptions, jobId, attempts: 1 });
      await waitFor(async () => (await queues.email.getJob(jobId))?.finishedOn, { what: 'the job to fail' });
      const failed = (await queues.email.getJob(jobId))!;
      expect(await failed.getState()).toBe('failed');
      expect(sink.to(email)).toHaveLength(0);
      // The failed metric counts it (once: its last attempt).
      await waitFor(async () => ((await queues.snapshot()).failed['subscription-confirm'] ?? 0) > failedBefore, { what: 'the failed metric to grow' });
      expect((await queues.snapshot()).failed['subscription-confirm']).toBe(failedBefore + 1);
      // The SMTP text quoted the address; it is masked before BullMQ keeps it, and in the staff list.
      expect(failed.failedReason).toContain('550');
      expect(failed.failedReason).toContain('<***@***>');
      expect(failed.failedReason).not.toContain(email);
      expect(JSON.stringify(failed.stacktrace)).not.toContain(email);
      const listed = (await queues.failed({ queue: queues.email.name as never, page: 1, pageSize: 100 })).items.find((i) => i.jobId === jobId)!;
      expect(listed).toMatchObject({ queue: queues.email.name, name: 'subscription-confirm', attemptsMade: 1 });
      expect(listed.failedReason).toContain('Recipient address rejected');

      // The mailbox works again; staff retry the job. The queue is paused so that its state right after the retry is seen.
      refused.delete(email);
      await queues.email.pause();
      try {
        const retried = await queues.retry(queues.email.name as never, jobId);
        expect(retried).toEqual({ queue: queues.email.name, jobId, state: 'waiting' });
        const again = await rejection(queues.retry(queues.email.name as never, jobId));
        expect(again.code).toBe(ErrorCode.Conflict);
        expect(again.issues[0].reason).toBe('job_not_failed');
        expect(again.meta).toEqual({ state: 'waiting' });
      } finally {
        await queues.email.resume();
      }
      const [message] = await mailFor(email, 1, 'the retried confirmation');
      expect(message.subject).toBe('Please confirm your subscription');
      await waitFor(async () => (await queues.email.getJob(jobId))?.finishedOn, { what: 'the retried job to finish' });
      expect(await (await queues.email.getJob(jobId))!.getState()).toBe('completed');
      await drained();
      expect(sink.to(email)).toHaveLength(1);
      expect(await dataSource.query(`SELECT status FROM volunteers.notification_deliveries WHERE job_id = $1`, [jobId])).toEqual([{ status: 'sent' }]);
      // A completed job is not retried either; the failed metric did not move.
      const done = await rejection(queues.retry(queues.email.name as never, jobId));
      expect(done.issues[0].reason).toBe('job_not_failed');
      expect(done.meta).toEqual({ state: 'completed' });
      expect((await queues.snapshot()).failed['subscription-confirm']).toBe(failedBefore + 1);
      await expect(queues.retry(queues.email.name as never, 'no-such-job')).rejects.toMatchObject({ code: ErrorCode.NotFound });
    });

    it('the staff list of failed jobs masks e-mail addresses in any failure text', async () => {
      // A failure whose text does not come from the SMTP channel: PostgreSQL quotes the bad value it was given.
      const address = `quoted-${uniqueSuffix()}@example.kz`;
      const failing = await queues.email.add('application-received', { type: 'application-received', applicationId: address, enqueuedAt: Date.now() }, { jobId: `broken.${uniqueSuffix()}`, attempts: 1 });
      await waitFor(async () => (await failing.getState()) === 'failed', { what: 'the job to fail' });
      expect((await queues.email.getJob(failing.id!))!.failedReason).toContain(address);
      const page = await queues.failed({ queue: queues.email.name as never, page: 1, pageSize: 100 });
      const listed = page.items.find((i) => i.jobId === failing.id)!;
      expect(listed.failedReason).toContain('invalid input syntax for type uuid');
      expect(listed.failedReason).not.toContain(address);
      expect(listed.failedReason).toContain('***@***');
      expect(JSON.stringify(page)).not.toContain(address);
      const metrics = await queues.snapshot();
      expect(metrics.sent['application-received']).toBeGreaterThan(0);
      expect(metrics.failed['application-received']).toBeGreaterThan(0);
      expect(metrics.latencyMs.count).toBeGreaterThan(0);
    });
  });
});
