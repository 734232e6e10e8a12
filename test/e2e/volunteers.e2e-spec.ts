import { Topics } from '@birgemiz/contracts';
import { testKafka, topicEnd, uniqueSuffix, waitForMessages } from '@birgemiz/testing';
import { randomUUID } from 'node:crypto';
import { http, loginAs } from './http';
import { readState } from './platform';

function applicant() {
  const tag = uniqueSuffix();
  const digits = `70${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  return { tag, fullName: `Айгерім Сынақова ${tag}`, email: `aigerim-${tag}@e2e.birgemiz.test`, digits };
}

function form(p: ReturnType<typeof applicant>, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    fullName: p.fullName,
    email: p.email,
    phone: `8 (${p.digits.slice(0, 3)}) ${p.digits.slice(3)}`,
    birthDate: '1999-03-15',
    region: 'akmola',
    city: 'Kokshetau',
    languages: [{ code: 'kk', level: 'native', scripts: ['latn'] }],
    skills: ['event-support'],
    availability: { days: ['sat', 'sun'], timesOfDay: ['morning'], hoursPerWeek: 5 },
    motivation: 'Мен қалама көмектескім келеді, бос уақытым бар.',
    consent: { accepted: true, version: '2026-01' },
    ...overrides,
  };
}

describe('volunteers through the gateway: applications, screening, campaigns, sign-ups, personal data', () => {
  const state = readState();
  let admin: string;
  let coordinator: string;
  let editor: string;

  beforeAll(async () => {
    admin = await loginAs(state.adminEmail, state.adminPassword);
    const make = async (role: string) => {
      const email = `${role}-${uniqueSuffix()}@e2e.birgemiz.test`;
      const created = await http('POST', '/api/v1/staff/accounts', { token: admin, body: { email, displayName: role, role, password: `${role}-password-123` } });
      expect(created.status).toBe(201);
      return loginAs(email, `${role}-password-123`);
    };
    coordinator = await make('coordinator');
    editor = await make('editor');
  });

  async function storedApplications(email: string): Promise<number> {
    const answer = await http('GET', `/api/v1/staff/applications?q=${encodeURIComponent(email)}`, { token: coordinator });
    expect(answer.status).toBe(200);
    return answer.body.total as number;
  }

  async function approved(p = applicant()) {
    const sent = await http('POST', '/api/v1/applications', { body: form(p) });
    expect(sent.status).toBe(201);
    expect((await http('POST', `/api/v1/staff/applications/${sent.body.applicationId}/screening`, { token: coordinator, body: {} })).status).toBe(200);
    const approval = await http('POST', `/api/v1/staff/applications/${sent.body.applicationId}/approve`, { token: coordinator, body: {} });
    expect(approval.status).toBe(200);
    return { receipt: sent.body, volunteerId: approval.body.volunteerId as string };
  }

  async function campaign(capacity: number, open = true): Promise<string> {
    const created = await http('POST', '/api/v1/staff/campaigns', {
      token: coordinator,
      body: {
        translations: { 'kk-Cyrl': { title: 'Саябақты тазалау', description: 'Көкшетаудағы саябақты бірге тазалаймыз.' }, en: { title: 'Park clean-up', description: 'We clean the park in Kokshetau together.' } },
        region: 'akmola',
        place: 'Kokshetau, central park',
        startsAt: '2031-05-01T09:00:00+05:00',
        endsAt: '2031-05-01T13:00:00+05:00',
        capacity,
      },
    });
    expect(created.status).toBe(201);
    if (open) expect((await http('POST', `/api/v1/staff/campaigns/${created.body.id}/open`, { token: coordinator })).status).toBe(200);
    return created.body.id as string;
  }

  describe('the public form', () => {
    it('answers 201 with the localized thank-you, a reference number and a status link that works', async () => {
      const p = applicant();
      const sent = await http('POST', '/api/v1/applications', { body: form(p), headers: { 'accept-language': 'ru' } });
      expect(sent.status).toBe(201);
      expect(sent.body).toMatchObject({ status: 'submitted', message: 'Спасибо! Ваша заявка отправлена.' });
      expect(sent.body.referenceNumber).toMatch(/^BV-\d{4}-\d{6}$/);
      const kk = await http('POST', '/api/v1/applications', { body: form(applicant()), headers: { 'accept-language': 'kk' } });
      expect(kk.body.message).toBe('Рахмет! Өтінішіңіз жіберілді.');

      const status = await http('GET', sent.body.statusPath);
      expect(status.status).toBe(200);
      expect(status.body).toEqual(expect.objectContaining({ referenceNumber: sent.body.referenceNumber, status: 'submitted', canWithdraw: true }));
      expect(JSON.stringify(status.body)).not.toContain(p.email);
      expect((await http('GET', `/api/v1/applications/status/${'A'.repeat(43)}`)).status).toBe(404);
      expect((await http('GET', '/api/v1/applications/status/short')).status).toBe(400);
    });

    it('a double submit with one Idempotency-Key creates one application and answers the same', async () => {
      const p = applicant();
      const key = `submit-${uniqueSuffix()}`;
      const [a, b] = await Promise.all([
        http('POST', '/api/v1/applications', { body: form(p), headers: { 'idempotency-key': key } }),
        http('POST', '/api/v1/applications', { body: form(p), headers: { 'idempotency-key': key } }),
      ]);
      expect([a.status, b.status]).toEqual([201, 201]);
      expect(b.body.referenceNumber).toBe(a.body.referenceNumber);
      expect(b.body.statusToken).toBe(a.body.statusToken);
      expect(await storedApplications(p.email)).toBe(1);
    });

    it('answers a repeat application of the same e-mail with a clear localized 409, then rate-limits the e-mail with 429', async () => {
      const p = applicant();
      expect((await http('POST', '/api/v1/applications', { body: form(p) })).status).toBe(201);
      const repeat = await http('POST', '/api/v1/applications', { body: form(p), headers: { 'accept-language': 'en' } });
      expect(repeat.status).toBe(409);
      expect(repeat.body.error.issues).toEqual([
        { path: 'body.email', reason: 'already_applied', message: 'An application from this e-mail address was sent recently. Check its status through your status link.' },
      ]);
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await http('POST', '/api/v1/applications', { body: form(p) })).status);
      expect(statuses).toEqual([409, 409, 409, 429]);
      expect(await storedApplications(p.email)).toBe(1);
    });

    it('drops a bot’s submission (honeypot filled in) while answering like a real one', async () => {
      const p = applicant();
      const sent = await http('POST', '/api/v1/applications', { body: form(p, { website: 'https://spam.example' }) });
      expect(sent.status).toBe(201);
      expect(await storedApplications(p.email)).toBe(0);
    });
  });

  describe('bad input gets a clear localized 4xx and stores nothing', () => {
    it.each([
      ['an invalid phone', { phone: '+7 916 123 45 67' }, 'body.phone', 'invalid_phone', 'Қазақстан нөмірін енгізіңіз: +7 7xx xxx xx xx.'],
      ['an invalid e-mail', { email: 'not-an-email' }, 'body.email', 'invalid_email', 'Электрондық пошта мекенжайы қате.'],
      ['a birth date in the future', { birthDate: '2999-01-01' }, 'body.birthDate', 'birth_date_in_future', 'Туған күн болашақта болуы мүмкін емес.'],
      ['missing consent', { consent: undefined }, 'body.consent', 'required', 'Міндетті өріс.'],
      ['consent not given', { consent: { accepted: false, version: '2026-01' } }, 'body.consent.accepted', 'consent_required', 'Дербес деректерді өңдеуге келісім қажет.'],
      ['an unknown region', { region: 'atlantis' }, 'body.region', 'invalid_enum_value', 'Рұқсат етілмеген мән.'],
      ['HTML in the name', { fullName: '<img src=x onerror=alert(1)>' }, 'body.fullName', 'html_not_allowed', 'HTML мен скриптке рұқсат жоқ: қарапайым мәтін жазыңыз.'],
      ['script in the city', { city: '<script>alert(1)</script>' }, 'body.city', 'html_not_allowed', 'HTML мен скриптке рұқсат жоқ: қарапайым мәтін жазыңыз.'],
      ['script in a language code', { languages: [{ code: '<b>', level: 'basic' }] }, 'body.languages.0.code', 'invalid_string', 'Мән пішімі қате.'],
      ['a minor without a guardian', { birthDate: `${new Date().getUTCFullYear() - 15}-01-01` }, 'body.guardian', 'guardian_consent_required', '18 жасқа толмағандарға ата-ананың (қамқоршының) келісімі қажет.'],
    ])('%s', async (_what, override, path, reason, message) => {
      const p = applicant();
      const answer = await http('POST', '/api/v1/applications', { body: form(p, override), headers: { 'accept-language': 'kk' } });
      expect(answer.status).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Сұрау деректері қате толтырылған.' });
      expect(answer.body.error.issues).toEqual(expect.arrayContaining([{ path, reason, message }]));
      expect(await storedApplications(p.email)).toBe(0);
    });

    it('refuses a 1 MB motivation, a wrong content type and malformed JSON', async () => {
      const p = applicant();
      const big = await http('POST', '/api/v1/applications', { body: form(p, { motivation: 'я хочу помочь '.repeat(75_000) }) });
      expect([400, 413]).toContain(big.status);
      const text = await http('POST', '/api/v1/applications', { rawBody: JSON.stringify(form(p)), headers: { 'content-type': 'text/plain' } });
      expect(text.status).toBe(415);
      const urlencoded = await http('POST', '/api/v1/applications', { rawBody: 'fullName=x', headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'ru' } });
      expect(urlencoded.status).toBe(415);
      expect(urlencoded.body.error.message).toBe('Формат запроса не поддерживается. Отправьте application/json.');
      expect((await http('POST', '/api/v1/applications', { rawBody: '{"fullName":', headers: { 'content-type': 'application/json' } })).status).toBe(400);
      expect(await storedApplications(p.email)).toBe(0);
    });

    it('none of 1,000 generated malformed submissions produces a 5xx, and none is stored', async () => {
      const junk: unknown[] = [null, 0, -1, 1e308, true, '', ' ', '<script>x</script>', 'x'.repeat(5000), [], {}, [1, 2], { $ne: null }, '\u0000', '😀'.repeat(300), '2001-02-30', 'NaN'];
      const keys = Object.keys(form(applicant()));
      let seed = 42;
      const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
      const pick = <T>(list: T[]): T => list[Math.floor(random() * list.length)];
      const emails: string[] = [];
      const bodies = Array.from({ length: 1000 }, (_, i) => {
        const p = applicant();
        emails.push(p.email);
        const body = form(p);
        // Always break at least one required field, sometimes several, sometimes add unknown ones.
        const breaks = 1 + Math.floor(random() * 3);
        for (let b = 0; b < breaks; b++) {
          const key = b === 0 ? pick(keys.filter((k) => k !== 'website')) : pick(keys);
          if (random() < 0.2) delete body[key];
          else body[key] = pick(junk);
        }
        if (i % 7 === 0) body[`extra${i}`] = pick(junk);
        return body;
      });
      const statuses: number[] = [];
      for (let i = 0; i < bodies.length; i += 25) {
        const batch = await Promise.all(bodies.slice(i, i + 25).map((body) => http('POST', '/api/v1/applications', { body })));
        statuses.push(...batch.map((a) => a.status));
      }
      expect(statuses.filter((s) => s >= 500)).toEqual([]);
      expect(statuses.filter((s) => ![400, 409, 413, 429, 201].includes(s))).toEqual([]);
      // A mutation can still be a valid form (e.g. an empty skills list); every refused one stored nothing.
      expect(statuses.filter((s) => s === 400).length).toBeGreaterThan(950);
      const refused = emails.filter((_, i) => statuses[i] === 400);
      for (const email of refused.slice(0, 20)) expect(await storedApplications(email)).toBe(0);
    });
  });

  describe('roles', () => {
    it('coordinators screen; editors and anonymous callers cannot see applications', async () => {
      expect((await http('GET', '/api/v1/staff/applications')).status).toBe(401);
      const refused = await http('GET', '/api/v1/staff/applications', { token: editor, headers: { 'accept-language': 'ru' } });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe('У вас нет прав на это действие.');
      expect((await http('GET', `/api/v1/staff/applications/${randomUUID()}`, { token: editor })).status).toBe(403);
      expect((await http('POST', '/api/v1/staff/campaigns', { token: editor, body: {} })).status).toBe(403);
      expect((await http('GET', '/api/v1/staff/applications?pageSize=5', { token: coordinator })).status).toBe(200);
      expect((await http('GET', '/api/v1/staff/applications?pageSize=5', { token: admin })).status).toBe(200);
    });

    it('anonymous users see open campaigns only, in the locale they ask for or its fallback', async () => {
      const draft = await campaign(5, false);
      const open = await campaign(5);
      expect((await http('GET', `/api/v1/campaigns/${draft}`)).status).toBe(404);
      const latin = await http('GET', `/api/v1/campaigns/${open}?locale=kk-Latn`);
      expect(latin.status).toBe(200);
      expect(latin.body).toMatchObject({ locale: 'kk-Latn', transliteratedFrom: 'kk-Cyrl', title: 'Saiabaqty tazalau', availableLocales: ['kk-Cyrl', 'en'] });
      expect((await http('GET', `/api/v1/campaigns/${open}?locale=ru`)).body).toMatchObject({ locale: 'en', requestedLocale: 'ru' });
      const list = await http('GET', '/api/v1/campaigns?pageSize=100&region=akmola');
      expect(list.body.items.every((c: { status: string }) => c.status === 'open')).toBe(true);
      expect(list.body.items.map((c: { id: string }) => c.id)).not.toContain(draft);
      expect((await http('GET', `/api/v1/staff/campaigns/${draft}`, { token: coordinator })).body.status).toBe('draft');
    });
  });

  describe('screening, sign-ups and personal data', () => {
    it('approves into a volunteer who signs up; a rejected applicant cannot; a cancellation moves the waitlist up', async () => {
      const id = await campaign(1);
      const first = await approved();
      const second = await approved();
      const rejected = await http('POST', '/api/v1/applications', { body: form(applicant()) });
      expect((await http('POST', `/api/v1/staff/applications/${rejected.body.applicationId}/reject`, { token: coordinator, body: {} })).status).toBe(400);
      expect((await http('POST', `/api/v1/staff/applications/${rejected.body.applicationId}/reject`, { token: coordinator, body: { reason: 'not this time' } })).status).toBe(200);
      const refused = await http('POST', `${rejected.body.statusPath}/signups`, { body: { campaignId: id }, headers: { 'accept-language': 'en' } });
      expect(refused.status).toBe(403);
      expect(refused.body.error.issues[0]).toMatchObject({ reason: 'not_a_volunteer', message: 'Only approved volunteers can sign up for campaigns.' });

      expect((await http('POST', `${first.receipt.statusPath}/signups`, { body: { campaignId: id } })).body.status).toBe('confirmed');
      expect((await http('POST', `${second.receipt.statusPath}/signups`, { body: { campaignId: id } })).body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
      expect((await http('DELETE', `${first.receipt.statusPath}/signups/${id}`)).status).toBe(200);
      const signups = await http('GET', `/api/v1/staff/campaigns/${id}/signups`, { token: coordinator });
      expect(signups.body.find((s: { volunteerId: string }) => s.volunteerId === second.volunteerId).status).toBe('confirmed');

      const found = await http('GET', '/api/v1/staff/volunteers?city=kokshetau&language=kk&script=latn&pageSize=100', { token: coordinator });
      expect(found.body.items.map((v: { id: string }) => v.id)).toEqual(expect.arrayContaining([first.volunteerId, second.volunteerId]));
    });

    it('publishes application events whose bytes carry no e-mail, phone or name', async () => {
      const p = applicant();
      const end = await topicEnd(testKafka(), Topics.VolunteersApplicationV1);
      const { receipt } = await approved(p);
      const messages = await waitForMessages(testKafka(), Topics.VolunteersApplicationV1, (m) => m.filter((x) => x.key === receipt.applicationId).length >= 2, 30_000, end);
      const ours = messages.filter((m) => m.key === receipt.applicationId);
      expect(ours.map((m) => JSON.parse(m.value!).type)).toEqual(['kz.birgemiz.volunteers.application.submitted', 'kz.birgemiz.volunteers.application.approved']);
      for (const message of ours) {
        for (const secret of [p.email, p.digits, p.fullName, 'Айгерім', '1999-03-15']) expect(message.value).not.toContain(secret);
      }
    });

    it('exports the person’s data and erases it; the link then stops working', async () => {
      const p = applicant();
      const { receipt, volunteerId } = await approved(p);
      const exported = await http('GET', `${receipt.statusPath}/personal-data`);
      expect(exported.status).toBe(200);
      expect(exported.body.applications[0]).toMatchObject({ email: p.email, phone: `+7${p.digits}`, fullName: p.fullName });
      expect((await http('DELETE', `${receipt.statusPath}/personal-data`)).body).toMatchObject({ applications: 1, volunteerProfiles: 1 });
      expect((await http('GET', receipt.statusPath)).status).toBe(404);
      expect(await storedApplications(p.email)).toBe(0);
      const volunteer = await http('GET', `/api/v1/staff/volunteers/${volunteerId}`, { token: coordinator });
      expect(volunteer.body).toMatchObject({ erased: true, email: null, phone: null, fullName: null, region: 'akmola' });
    });
  });
});
