import { eventTopicSpecs, ensureTopics, OutboxRelay, parseRpc } from '@birgemiz/messaging';
import { Topics, type ApplicationReceipt, type StaffActor } from '@birgemiz/contracts';
import { DomainError, ErrorCode } from '@birgemiz/errors';
import { cloneTemplateDatabase, templateDatabase, testKafka, testLogger, TEST_JWT_SECRET, topicEnd, uniqueSuffix, waitForMessages } from '@birgemiz/testing';
import { Global, Module, type INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { TypeOrmModule } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ApplicationsService } from './applications/applications.service';
import { CampaignsService } from './campaigns/campaigns.service';
import { SignupsService } from './campaigns/signups.service';
import { loadVolunteersConfig, VOLUNTEERS_CONFIG } from './config';
import { volunteersDataSourceOptions } from './database/data-source';
import { OutboxEventsRepository } from './outbox/outbox-events.repository';
import { PersonalDataService } from './personal-data/personal-data.service';
import { VolunteeringModule } from './volunteering.module';
import { VolunteersService } from './volunteers/volunteers.service';
import { applicationSubmitRequestSchema } from '@birgemiz/contracts';

const coordinator: StaffActor = { id: randomUUID(), role: 'coordinator' };
const editor: StaffActor = { id: randomUUID(), role: 'editor' };

let counter = 0;
function person() {
  counter += 1;
  const n = String(counter).padStart(3, '0');
  const tag = uniqueSuffix();
  return {
    fullName: `Ержан Тестов ${tag}`,
    email: `erzhan-${tag}@example.kz`,
    phoneDigits: `70155${String(Math.floor(Math.random() * 100_000)).padStart(5, '0')}`.slice(0, 10),
    n,
    birthDate: `19${70 + (counter % 30)}-${String(1 + (counter % 12)).padStart(2, '0')}-${String(1 + (counter % 28)).padStart(2, '0')}`,
  };
}

function form(p: ReturnType<typeof person>, overrides: Record<string, unknown> = {}) {
  return {
    fullName: p.fullName,
    email: p.email,
    phone: `8 ${p.phoneDigits}`,
    birthDate: p.birthDate,
    region: 'akmola',
    city: 'Kokshetau',
    languages: [
      { code: 'kk', level: 'native', scripts: ['latn'] },
      { code: 'ru', level: 'fluent' },
    ],
    skills: ['first-aid'],
    availability: { days: ['sat'], timesOfDay: ['morning'], hoursPerWeek: 4 },
    motivation: 'Мен өз қаламның тазалығына үлес қосқым келеді.',
    consent: { accepted: true, version: '2026-01' },
    ...overrides,
  };
}

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('volunteers: applications, screening, campaigns, sign-ups, personal data (real PostgreSQL and Kafka)', () => {
  let app: INestApplicationContext;
  let database: Awaited<ReturnType<typeof cloneTemplateDatabase>>;
  let dataSource: DataSource;
  let applications: ApplicationsService;
  let campaigns: CampaignsService;
  let signups: SignupsService;
  let volunteers: VolunteersService;
  let personalData: PersonalDataService;

  beforeAll(async () => {
    database = await cloneTemplateDatabase(templateDatabase());
    const config = loadVolunteersConfig({ DATABASE_URL: database.url, JWT_SECRET: TEST_JWT_SECRET, APPLICATION_REPEAT_WINDOW_DAYS: '30' });

    @Global()
    @Module({ providers: [{ provide: VOLUNTEERS_CONFIG, useValue: config }], exports: [VOLUNTEERS_CONFIG] })
    class TestConfigModule {}

    const moduleRef = await Test.createTestingModule({
      imports: [TestConfigModule, TypeOrmModule.forRoot(volunteersDataSourceOptions(database.url, 30)), VolunteeringModule],
    }).compile();
    app = await moduleRef.init();
    dataSource = app.get(DataSource);
    applications = app.get(ApplicationsService);
    campaigns = app.get(CampaignsService);
    signups = app.get(SignupsService);
    volunteers = app.get(VolunteersService);
    personalData = app.get(PersonalDataService);
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  function submit(body: Record<string, unknown>, idempotencyKey?: string): Promise<ApplicationReceipt> {
    return applications.submit(parseRpc(applicationSubmitRequestSchema, { form: body, idempotencyKey }));
  }

  async function approvedVolunteer(p = person()): Promise<{ receipt: ApplicationReceipt; volunteerId: string }> {
    const receipt = await submit(form(p));
    await applications.screen(coordinator, receipt.applicationId, 'start_screening', undefined);
    const detail = await applications.screen(coordinator, receipt.applicationId, 'approve', undefined);
    return { receipt, volunteerId: detail.volunteerId! };
  }

  async function openCampaign(capacity: number): Promise<string> {
    const created = await campaigns.create(coordinator, {
      translations: { 'kk-Cyrl': { title: 'Саябақты тазалау', description: 'Көкшетаудағы саябақты бірге тазалаймыз.' } },
      region: 'akmola',
      place: 'Kokshetau, central park',
      startsAt: '2030-05-01T09:00:00+05:00',
      endsAt: '2030-05-01T13:00:00+05:00',
      capacity,
    });
    await campaigns.transition(coordinator, created.id, 'open');
    return created.id;
  }

  async function count(sql: string, params: unknown[] = []): Promise<number> {
    const [row] = await dataSource.query(sql, params);
    return Number(row.n);
  }

  describe('submission', () => {
    it('stores the application with a reference number, an audit entry and a PII-free outbox event', async () => {
      const p = person();
      const receipt = await submit(form(p));
      expect(receipt.referenceNumber).toMatch(/^BV-\d{4}-\d{6}$/);
      expect(receipt.statusToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(receipt.statusPath).toBe(`/api/v1/applications/status/${receipt.statusToken}`);
      const [row] = await dataSource.query(`SELECT * FROM volunteers.applications WHERE id = $1`, [receipt.applicationId]);
      expect(row).toMatchObject({ status: 'submitted', email: p.email, phone: `+7${p.phoneDigits}`, consent_version: '2026-01' });
      expect(row.status_token_hash).not.toContain(receipt.statusToken);
      const [event] = await dataSource.query(`SELECT event::text AS text, key FROM volunteers.outbox_events WHERE key = $1`, [receipt.applicationId]);
      expect(JSON.parse(event.text)).toMatchObject({ type: 'kz.birgemiz.volunteers.application.submitted', data: { status: 'submitted', region: 'akmola' } });
      for (const secret of [p.email, p.phoneDigits, p.fullName]) expect(event.text).not.toContain(secret);
      expect(await count(`SELECT count(*) AS n FROM volunteers.application_audit WHERE application_id = $1 AND action = 'submitted'`, [receipt.applicationId])).toBe(1);
    });

    it('a double submit with one idempotency key (even concurrent) creates one application and answers the same', async () => {
      const p = person();
      const key = `key-${uniqueSuffix()}`;
      const answers = await Promise.all([submit(form(p), key), submit(form(p), key), submit(form(p), key)]);
      expect(new Set(answers.map((a) => a.applicationId)).size).toBe(1);
      expect(answers[1]).toEqual(answers[0]);
      expect(await count(`SELECT count(*) AS n FROM volunteers.applications WHERE email = $1`, [p.email])).toBe(1);
      expect(await count(`SELECT count(*) AS n FROM volunteers.outbox_events WHERE key = $1`, [answers[0].applicationId])).toBe(1);
    });

    it('refuses the same key for a different form, and a repeat application of the same e-mail with already_applied', async () => {
      const p = person();
      const key = `key-${uniqueSuffix()}`;
      await submit(form(p), key);
      const reused = await rejection(submit(form(p, { city: 'Astana' }), key));
      expect(reused.code).toBe(ErrorCode.Conflict);
      expect(reused.issues[0].reason).toBe('idempotency_key_reused');
      const repeat = await rejection(submit(form(p)));
      expect(repeat.code).toBe(ErrorCode.Conflict);
      expect(repeat.issues).toEqual([{ path: 'body.email', reason: 'already_applied' }]);
      expect(await count(`SELECT count(*) AS n FROM volunteers.applications WHERE email = $1`, [p.email])).toBe(1);
    });

    it('concurrent submissions of one e-mail without a key: one application, every other one already_applied', async () => {
      const p = person();
      // Open the connections first, so the eight statements really run at the same time.
      await Promise.all(Array.from({ length: 8 }, () => dataSource.query('SELECT pg_sleep(0.05)')));
      const results = await Promise.allSettled(Array.from({ length: 8 }, () => submit(form(p))));
      const created = results.filter((r) => r.status === 'fulfilled');
      expect(created).toHaveLength(1);
      for (const refused of results.filter((r): r is PromiseRejectedResult => r.status === 'rejected')) {
        expect((refused.reason as DomainError).issues).toEqual([{ path: 'body.email', reason: 'already_applied' }]);
      }
      expect(await count(`SELECT count(*) AS n FROM volunteers.applications WHERE email = $1`, [p.email])).toBe(1);
      expect(await count(`SELECT count(*) AS n FROM volunteers.notification_outbox WHERE ref->>'type' = 'application-received' AND job_id LIKE 'application-received.%' AND ref->>'applicationId' = $1`, [(created[0] as PromiseFulfilledResult<ApplicationReceipt>).value.applicationId])).toBe(1);
    });

    it('drops a submission whose honeypot is filled in, answering like a real one', async () => {
      const p = person();
      const receipt = await submit(form(p, { website: 'http://spam.example' }));
      expect(receipt.referenceNumber).toMatch(/^BV-/);
      expect(await count(`SELECT count(*) AS n FROM volunteers.applications WHERE email = $1`, [p.email])).toBe(0);
      await expect(applications.status(receipt.statusToken)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    });

    it('refuses an unknown campaign of interest', async () => {
      const error = await rejection(submit(form(person(), { campaignId: randomUUID() })));
      expect(error.issues[0]).toEqual({ path: 'body.campaignId', reason: 'unknown_campaign' });
    });
  });

  describe('screening', () => {
    it('goes submitted → screening → approved with an audit trail, and approval creates the volunteer', async () => {
      const p = person();
      const receipt = await submit(form(p));
      await expect(applications.screen(coordinator, receipt.applicationId, 'approve', undefined)).rejects.toMatchObject({ code: ErrorCode.Conflict });
      await applications.screen(coordinator, receipt.applicationId, 'start_screening', undefined);
      const approved = await applications.screen(coordinator, receipt.applicationId, 'approve', 'good references');
      expect(approved.status).toBe('approved');
      expect(approved.audit.map((a) => [a.action, a.actorId])).toEqual([
        ['submitted', null],
        ['screening_started', coordinator.id],
        ['approved', coordinator.id],
      ]);
      const volunteer = await volunteers.get(coordinator, approved.volunteerId!);
      expect(volunteer).toMatchObject({ status: 'active', email: p.email, city: 'Kokshetau', totalHours: 0 });
      expect(await applications.status(receipt.statusToken)).toMatchObject({ status: 'approved', isVolunteer: true, canWithdraw: false });
    });

    it('records every staff read of an application', async () => {
      const receipt = await submit(form(person()));
      await applications.get(coordinator, receipt.applicationId);
      const detail = await applications.get(coordinator, receipt.applicationId);
      expect(detail.audit.filter((a) => a.action === 'viewed')).toHaveLength(2);
    });

    it('lets the applicant withdraw through the link, once', async () => {
      const receipt = await submit(form(person()));
      const view = await applications.withdraw(receipt.statusToken, 'changed my plans');
      expect(view).toMatchObject({ status: 'withdrawn', canWithdraw: false });
      await expect(applications.withdraw(receipt.statusToken, undefined)).rejects.toMatchObject({ code: ErrorCode.Conflict });
    });

    it('refuses editors', async () => {
      await expect(applications.list(editor, { page: 1, pageSize: 10 })).rejects.toMatchObject({ code: ErrorCode.Forbidden });
      const error = await rejection(applications.get(editor, randomUUID()));
      expect(error.code).toBe(ErrorCode.Forbidden);
    });

    it('filters applications and finds volunteers by language, script, skill and city', async () => {
      const city = `Kokshetau-${uniqueSuffix()}`;
      const latin = await approvedVolunteer();
      await dataSource.query(`UPDATE volunteers.volunteers SET city = $2 WHERE id = $1`, [latin.volunteerId, city]);
      const cyrillic = person();
      const other = await submit(form(cyrillic, { city, languages: [{ code: 'kk', level: 'basic', scripts: ['cyrl'] }], skills: ['driving'] }));
      await applications.screen(coordinator, other.applicationId, 'start_screening', undefined);
      const approved = await applications.screen(coordinator, other.applicationId, 'approve', undefined);

      const found = await volunteers.list(coordinator, { city: city.toLowerCase(), language: 'kk', script: 'latn', page: 1, pageSize: 20 });
      expect(found.items.map((v) => v.id)).toEqual([latin.volunteerId]);
      const drivers = await volunteers.list(coordinator, { city, skill: 'driving', page: 1, pageSize: 20 });
      expect(drivers.items.map((v) => v.id)).toEqual([approved.volunteerId]);

      const list = await applications.list(coordinator, { status: ['approved'], language: 'kk', script: 'cyrl', skill: 'driving', page: 1, pageSize: 50 });
      expect(list.items.map((a) => a.id)).toContain(other.applicationId);
      expect(list.items.every((a) => a.status === 'approved')).toBe(true);
      const byReference = await applications.list(coordinator, { q: approved.referenceNumber, page: 1, pageSize: 5 });
      expect(byReference.items.map((a) => a.id)).toEqual([other.applicationId]);
    });
  });

  describe('campaigns and sign-ups', () => {
    it('50 concurrent sign-ups for 10 places leave exactly 10 confirmed and 40 waitlisted', async () => {
      const campaignId = await openCampaign(10);
      const people = await Promise.all(Array.from({ length: 50 }, () => approvedVolunteer()));
      const answers = await Promise.all(people.map((v) => signups.signUpSelf(v.receipt.statusToken, campaignId)));
      expect(answers.filter((a) => a.status === 'confirmed')).toHaveLength(10);
      expect(answers.filter((a) => a.status === 'waitlisted')).toHaveLength(40);
      expect(answers.filter((a) => a.status === 'waitlisted').map((a) => a.waitlistPosition).sort((a, b) => a! - b!)).toEqual(
        Array.from({ length: 40 }, (_, i) => i + 1),
      );
      expect(await count(`SELECT count(*) AS n FROM volunteers.campaign_signups WHERE campaign_id = $1 AND status = 'confirmed'`, [campaignId])).toBe(10);
      const campaign = await campaigns.get(undefined, campaignId, 'ru');
      expect(campaign).toMatchObject({ confirmedCount: 10, waitlistCount: 40, spotsLeft: 0, locale: 'kk-Cyrl', requestedLocale: 'ru' });

      // Signing up again changes nothing; a cancellation moves the head of the waitlist up.
      const confirmed = people[answers.findIndex((a) => a.status === 'confirmed')];
      expect((await signups.signUpSelf(confirmed.receipt.statusToken, campaignId)).status).toBe('confirmed');
      const list = await signups.list(coordinator, campaignId);
      const head = list.find((s) => s.waitlistPosition === 1)!;
      await signups.cancelSelf(confirmed.receipt.statusToken, campaignId);
      const after = await signups.list(coordinator, campaignId);
      expect(after.find((s) => s.volunteerId === head.volunteerId)?.status).toBe('confirmed');
      expect(after.filter((s) => s.status === 'confirmed')).toHaveLength(10);
      expect(after.filter((s) => s.status === 'waitlisted')).toHaveLength(39);
      expect(after.find((s) => s.status === 'waitlisted' && s.waitlistPosition === 1)).toBeDefined();
    });

    it('refuses a rejected applicant, a draft or closed campaign, and more capacity promotes the waitlist', async () => {
      const campaignId = await openCampaign(1);
      const rejected = await submit(form(person()));
      await applications.screen(coordinator, rejected.applicationId, 'reject', 'not a fit for now');
      const refused = await rejection(signups.signUpSelf(rejected.statusToken, campaignId));
      expect(refused.code).toBe(ErrorCode.Forbidden);
      expect(refused.issues[0].reason).toBe('not_a_volunteer');
      expect(await count(`SELECT count(*) AS n FROM volunteers.campaign_signups WHERE campaign_id = $1`, [campaignId])).toBe(0);

      const [a, b] = [await approvedVolunteer(), await approvedVolunteer()];
      expect((await signups.signUpSelf(a.receipt.statusToken, campaignId)).status).toBe('confirmed');
      expect((await signups.signUpSelf(b.receipt.statusToken, campaignId)).status).toBe('waitlisted');
      expect((await rejection(campaigns.update(coordinator, campaignId, { capacity: 1, startsAt: '2031-01-01T00:00:00Z' }))).issues[0].reason).toBe('ends_before_start');
      const bigger = await campaigns.update(coordinator, campaignId, { capacity: 2 });
      expect(bigger).toMatchObject({ confirmedCount: 2, waitlistCount: 0 });

      await campaigns.transition(coordinator, campaignId, 'close');
      const late = await approvedVolunteer();
      expect((await rejection(signups.signUpSelf(late.receipt.statusToken, campaignId))).issues[0].reason).toBe('campaign_not_open');
      // A coordinator may still assign to a closed campaign; capacity still holds (waitlist).
      expect((await signups.assign(coordinator, campaignId, late.volunteerId)).status).toBe('waitlisted');
      await expect(campaigns.get(undefined, campaignId, 'en')).rejects.toMatchObject({ code: ErrorCode.NotFound });
    });

    it('records attendance after the campaign and sums hours in the volunteer’s history', async () => {
      const campaignId = await openCampaign(5);
      const v = await approvedVolunteer();
      await signups.signUpSelf(v.receipt.statusToken, campaignId);
      await expect(signups.recordAttendance(coordinator, campaignId, { records: [{ volunteerId: v.volunteerId, attended: true, hours: 3.5 }] })).rejects.toMatchObject({
        code: ErrorCode.Conflict,
      });
      await campaigns.transition(coordinator, campaignId, 'finish');
      const tooLong = await rejection(signups.recordAttendance(coordinator, campaignId, { records: [{ volunteerId: v.volunteerId, attended: true, hours: 9 }] }));
      expect(tooLong.issues[0].reason).toBe('hours_exceed_campaign');
      await signups.recordAttendance(coordinator, campaignId, { records: [{ volunteerId: v.volunteerId, attended: true, hours: 3.5 }] });
      const history = await volunteers.get(coordinator, v.volunteerId);
      expect(history).toMatchObject({ totalHours: 3.5, campaignsAttended: 1 });
      expect(history.history[0]).toMatchObject({ campaignId, title: 'Саябақты тазалау', attended: true, hours: 3.5, campaignStatus: 'finished' });
    });
  });

  describe('personal data', () => {
    it('exports everything stored about the person', async () => {
      const p = person();
      const v = await approvedVolunteer(p);
      const data = await personalData.export(v.receipt.statusToken);
      expect(data.applications).toHaveLength(1);
      expect(data.applications[0]).toMatchObject({ email: p.email, fullName: p.fullName });
      expect(data.volunteer).toMatchObject({ id: v.volunteerId, email: p.email });
      expect(data.history.map((h) => h.action)).toEqual(['submitted', 'screening_started', 'approved', 'exported']);
    });

    it('erasure removes the person’s data from every table of the schema, keeps anonymous counts, and frees their place', async () => {
      const p = person();
      const v = await approvedVolunteer(p);
      const campaignId = await openCampaign(1);
      await signups.signUpSelf(v.receipt.statusToken, campaignId);
      const next = await approvedVolunteer();
      await signups.signUpSelf(next.receipt.statusToken, campaignId);
      await dataSource.query(
        `INSERT INTO volunteers.subscriptions (email, locale, topics, region, frequency) VALUES ($1, 'ru', '{news}', NULL, 'immediate')`,
        [p.email],
      );
      const receipt = await personalData.erase(v.receipt.statusToken);
      expect(receipt).toMatchObject({ applications: 1, volunteerProfiles: 1, cancelledSignups: 1, subscriptions: 1 });

      const tables: { table_name: string }[] = await dataSource.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = 'volunteers' AND table_type = 'BASE TABLE'`,
      );
      for (const { table_name } of tables) {
        for (const secret of [p.email, p.phoneDigits, p.fullName, p.birthDate]) {
          const hits = await count(`SELECT count(*) AS n FROM volunteers."${table_name}" t WHERE t::text ILIKE $1`, [`%${secret}%`]);
          expect({ table_name, secret, hits }).toEqual({ table_name, secret, hits: 0 });
        }
      }
      const [row] = await dataSource.query(`SELECT status, region, languages, erased_at FROM volunteers.applications WHERE id = $1`, [v.receipt.applicationId]);
      expect(row).toMatchObject({ status: 'approved', region: 'akmola' });
      expect(row.erased_at).not.toBeNull();
      expect((await signups.list(coordinator, campaignId)).find((s) => s.volunteerId === next.volunteerId)?.status).toBe('confirmed');
      await expect(applications.status(v.receipt.statusToken)).rejects.toMatchObject({ code: ErrorCode.NotFound });
    });
  });

  describe('events on Kafka', () => {
    it('publish application and campaign events through the outbox with no e-mail, phone or name in the bytes', async () => {
      const kafka = testKafka();
      await ensureTopics(kafka, eventTopicSpecs([Topics.VolunteersApplicationV1, Topics.VolunteersCampaignV1]));
      const p = person();
      const v = await approvedVolunteer(p);
      const campaignId = await openCampaign(3);
      await signups.signUpSelf(v.receipt.statusToken, campaignId);
      // The relay has not run yet: these events are still in the outbox, and the topics end before them.
      const applicationsEnd = await topicEnd(kafka, Topics.VolunteersApplicationV1);
      const campaignsEnd = await topicEnd(kafka, Topics.VolunteersCampaignV1);
      const relay = new OutboxRelay(kafka, app.get(OutboxEventsRepository).outbox, testLogger());
      await relay.start();
      try {
        const onApplications = await waitForMessages(
          kafka,
          Topics.VolunteersApplicationV1,
          (m) => ['submitted', 'approved'].every((s) => m.some((x) => x.key === v.receipt.applicationId && x.value!.includes(`application.${s}`))),
          20_000,
          applicationsEnd,
        );
        const onCampaigns = await waitForMessages(kafka, Topics.VolunteersCampaignV1, (m) => m.filter((x) => x.key === campaignId).length >= 2, 20_000, campaignsEnd);
        const ours = [...onApplications.filter((m) => m.key === v.receipt.applicationId), ...onCampaigns.filter((m) => m.key === campaignId)];
        for (const message of ours) {
          for (const secret of [p.email, p.phoneDigits, p.fullName, 'Ержан', p.birthDate]) expect(message.value).not.toContain(secret);
        }
        const opened = onCampaigns.filter((m) => m.key === campaignId).map((m) => JSON.parse(m.value!));
        expect(opened.map((e) => e.type)).toEqual(['kz.birgemiz.volunteers.campaign.opened', 'kz.birgemiz.volunteers.campaign.updated']);
        expect(opened[1].data).toMatchObject({ campaignId, confirmedCount: 1, waitlistCount: 0, capacity: 3 });
      } finally {
        await relay.stop();
      }
    });
  });
});
