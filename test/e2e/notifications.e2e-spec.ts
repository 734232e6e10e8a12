import { transliterateCyrillicToLatin } from '@birgemiz/kazakh';
import { uniqueSuffix, waitFor } from '@birgemiz/testing';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { parseMessage, type SinkMessage } from '../../apps/volunteers/src/notifications/testing/smtp-sink';
import { SubscriptionTokens } from '../../apps/volunteers/src/subscriptions/subscription-tokens';
import { http, loginAs } from './http';
import { readState } from './platform';

const CYRILLIC = /[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]/;

/** Every e-mail the run's SMTP server accepted (global setup writes them as .eml files). */
function mailbox(): SinkMessage[] {
  const dir = join(readState().logDir, 'mail');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => parseMessage(readFileSync(join(dir, f), 'utf8')));
}

function mailTo(address: string): SinkMessage[] {
  return mailbox().filter((m) => (m.headers.to ?? '').toLowerCase().includes(address.toLowerCase()));
}

async function waitForMail(address: string, predicate: (m: SinkMessage) => boolean, what: string): Promise<SinkMessage> {
  return waitFor(() => mailTo(address).find(predicate), { timeoutMs: 30_000, intervalMs: 200, what });
}

function applicationForm(email: string, overrides: Record<string, unknown> = {}) {
  const digits = `70${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`;
  return {
    fullName: `Айгерім Хат ${uniqueSuffix()}`,
    email,
    phone: `8 ${digits}`,
    birthDate: '1998-02-11',
    region: 'pavlodar',
    city: 'Pavlodar',
    languages: [{ code: 'kk', level: 'native', scripts: ['latn'] }],
    skills: ['event-support'],
    availability: { days: ['sat'], timesOfDay: ['morning'], hoursPerWeek: 3 },
    motivation: 'Мен қалама көмектескім келеді, бос уақытым бар.',
    consent: { accepted: true, version: '2026-01' },
    ...overrides,
  };
}

/** The claims inside a subscription token (its first part is base64url of `purpose.subscriptionId.generation.expiresAt`). */
function claimsOf(token: string): { subscriptionId: string; generation: number } {
  const [, subscriptionId, generation] = Buffer.from(token.split('.')[0], 'base64url').toString('utf8').split('.');
  return { subscriptionId, generation: Number(generation) };
}

describe('notifications through the gateway: application e-mail, subscriptions, newsletters, one-click', () => {
  const state = readState();
  let admin: string;
  let editor: string;
  const db = new Client({ connectionString: state.env.DATABASE_URL });

  /** The subscription row as stored by the volunteers service (null when there is none for the address). */
  async function storedSubscription(where: { email: string } | { id: string }) {
    const [column, value] = 'email' in where ? ['email', where.email] : ['id', where.id];
    const { rows } = await db.query(
      `SELECT id, email, status, locale, topics, frequency, generation, confirm_requests, unsubscribe_method FROM volunteers.subscriptions WHERE ${column} = $1`,
      [value],
    );
    return rows[0] ?? null;
  }

  /** E-mail requests of a subscription that are queued or were ever sent (outbox rows and delivery log rows). */
  async function mailRequestsOf(subscriptionId: string): Promise<string[]> {
    const { rows } = await db.query(
      `SELECT job_id FROM volunteers.notification_outbox WHERE job_id LIKE '%' || $1 || '%'
       UNION ALL SELECT job_id FROM volunteers.notification_deliveries WHERE job_id LIKE '%' || $1 || '%' ORDER BY 1`,
      [subscriptionId],
    );
    return rows.map((r: { job_id: string }) => r.job_id);
  }

  afterAll(async () => {
    await db.end();
  });

  beforeAll(async () => {
    await db.connect();
    admin = await loginAs(state.adminEmail, state.adminPassword);
    const email = `editor-${uniqueSuffix()}@e2e.birgemiz.test`;
    const created = await http('POST', '/api/v1/staff/accounts', { token: admin, body: { email, displayName: 'editor', role: 'editor', password: 'editor-password-123' } });
    expect(created.status).toBe(201);
    editor = await loginAs(email, 'editor-password-123');
  });

  it('an application gets exactly one "thank you" e-mail, in Kazakh Latin script, with the status link', async () => {
    const email = `applicant-${uniqueSuffix()}@e2e.birgemiz.test`;
    const form = applicationForm(email);
    const answer = await http('POST', '/api/v1/applications', { body: form, headers: { 'accept-language': 'en' } });
    expect(answer.status).toBe(201);
    expect(answer.body.message).toBe('Thank you! Your application has been sent.');
    const mail = await waitForMail(email, () => true, 'the application e-mail');
    expect(mail.headers['content-language']).toBe('kk-Latn');
    // The person's name is written as they typed it; everything the platform wrote is in Latin script.
    expect(mail.text).toContain(form.fullName);
    expect(`${mail.subject}${mail.text.split(form.fullName).join('')}`).not.toMatch(CYRILLIC);
    expect(mail.subject).toContain(answer.body.referenceNumber);
    expect(mail.text).toContain(`/applications/status/${answer.body.statusToken}`);
    const again = await http('POST', '/api/v1/applications', { body: applicationForm(email), headers: { 'idempotency-key': `k-${uniqueSuffix()}` } });
    expect(again.status).toBe(409);
    await new Promise((r) => setTimeout(r, 1_000));
    expect(mailTo(email)).toHaveLength(1);
  });

  it('bad subscription requests get a clear 400 and store nothing', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ email: 'not-an-email', locale: 'ru', topics: ['news'] }, 'body.email'],
      [{ email: `x-${uniqueSuffix()}@e2e.birgemiz.test`, locale: 'ru', topics: ['gossip'] }, 'body.topics.0'],
      [{ email: `x-${uniqueSuffix()}@e2e.birgemiz.test`, locale: 'de', topics: ['news'] }, 'body.locale'],
      [{ email: `x-${uniqueSuffix()}@e2e.birgemiz.test`, locale: 'ru', topics: ['region'] }, 'body.region'],
    ];
    for (const [body, path] of cases) {
      const answer = await http('POST', '/api/v1/subscriptions', { body, headers: { 'accept-language': 'ru' } });
      expect(answer.status).toBe(400);
      expect(answer.body.error.issues.map((i: { path: string }) => i.path)).toContain(path);
      // Nothing stored, so nothing can be sent: no subscription row for the address.
      expect(await storedSubscription({ email: String(body.email) })).toBeNull();
    }
    const forged = await http('POST', '/api/v1/subscriptions/confirm', { body: { token: `${'A'.repeat(40)}.${'B'.repeat(43)}` } });
    expect(forged.status).toBe(400);
    expect(forged.body.error.issues[0].reason).toBe('invalid_token');
    const malformed = await http('POST', '/api/v1/subscriptions/confirm', { body: { token: 'nope' } });
    expect(malformed.status).toBe(400);
  });

  it('double opt-in, a newsletter in the subscriber’s script, link unsubscribe and RFC 8058 one-click with replay refused', async () => {
    const latin = `reader-latn-${uniqueSuffix()}@e2e.birgemiz.test`;
    const russian = `reader-ru-${uniqueSuffix()}@e2e.birgemiz.test`;
    const tokens: Record<string, string> = {};
    for (const [email, locale] of [[latin, 'kk-Latn'], [russian, 'ru']] as const) {
      const subscribed = await http('POST', '/api/v1/subscriptions', { body: { email, locale, topics: ['news'] } });
      expect(subscribed.status).toBe(202);
      expect(subscribed.body).toEqual({ accepted: true, next: 'confirm_by_email' });
      const confirmation = await waitForMail(email, () => true, 'the confirmation e-mail');
      const token = /\/subscriptions\/confirm\?token=([A-Za-z0-9_.-]+)/.exec(confirmation.text)![1];
      const confirmed = await http('POST', '/api/v1/subscriptions/confirm', { body: { token } });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toMatchObject({ status: 'confirmed', locale, topics: ['news'] });
      tokens[email] = token;
    }

    const title = `Павлодарда еріктілер ${uniqueSuffix()}`;
    const created = await http('POST', '/api/v1/news/staff/articles', {
      token: editor,
      body: { region: 'pavlodar', tags: ['e2e'], translations: { 'kk-Cyrl': { title, summary: 'Еріктілер жиналды.', body: 'Мәтін.' } } },
    });
    expect(created.status).toBe(201);
    expect((await http('POST', `/api/v1/news/staff/articles/${created.body.id}/publish`, { token: editor, body: { locales: ['kk-Cyrl'] } })).status).toBe(200);

    const toLatin = await waitForMail(latin, (m) => m.headers['list-unsubscribe'] !== undefined, 'the newsletter (Latin)');
    expect(`${toLatin.subject}${toLatin.text}`).not.toMatch(CYRILLIC);
    const toRussian = await waitForMail(russian, (m) => m.headers['list-unsubscribe'] !== undefined, 'the newsletter (Russian reader, Kazakh fallback)');
    expect(toRussian.subject).toBe(title);
    expect(toRussian.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');

    // Unsubscribe by the link in the footer.
    const linkToken = /\/subscriptions\/unsubscribe\?token=([A-Za-z0-9_.-]+)/.exec(toLatin.text)![1];
    // The preferences page reads the subscription with the management token (never cached).
    const current = await http('GET', `/api/v1/subscriptions/preferences?token=${linkToken}`);
    expect(current.status).toBe(200);
    expect(current.headers.get('cache-control')).toBe('no-store');
    expect(current.body).toEqual({
      status: 'confirmed',
      emailMasked: `r***@e2e.birgemiz.test`,
      locale: 'kk-Latn',
      topics: ['news'],
      region: null,
      frequency: 'immediate',
      confirmedAt: expect.any(String),
    });
    const prefs = await http('PATCH', '/api/v1/subscriptions/preferences', { body: { token: linkToken, frequency: 'daily' } });
    expect(prefs.status).toBe(200);
    expect(prefs.body.frequency).toBe('daily');
    expect((await http('GET', `/api/v1/subscriptions/preferences?token=${linkToken}`)).body).toMatchObject({ status: 'confirmed', locale: 'kk-Latn', frequency: 'daily' });
    expect((await http('POST', '/api/v1/subscriptions/unsubscribe', { body: { token: linkToken } })).status).toBe(200);
    expect((await http('POST', '/api/v1/subscriptions/unsubscribe', { body: { token: linkToken } })).status).toBe(409);
    expect((await http('GET', `/api/v1/subscriptions/preferences?token=${linkToken}`)).body).toMatchObject({ status: 'unsubscribed', emailMasked: '' });

    // One-click exactly as a mail client does it: POST to the List-Unsubscribe URL with the form body.
    const url = /^<(.+)>$/.exec(toRussian.headers['list-unsubscribe'])![1];
    expect(url.startsWith(state.gatewayUrl)).toBe(true);
    const path = url.slice(state.gatewayUrl.length);
    const form = { headers: { 'content-type': 'application/x-www-form-urlencoded' }, rawBody: 'List-Unsubscribe=One-Click' };
    const wrongBody = await http('POST', path, { headers: form.headers, rawBody: 'List-Unsubscribe=Maybe' });
    expect(wrongBody.status).toBe(400);
    const clicked = await http('POST', path, form);
    expect(clicked.status).toBe(200);
    expect(clicked.body).toEqual({ unsubscribed: true });
    const replay = await http('POST', path, form);
    expect(replay.status).toBe(409);
    expect(replay.body.error.issues[0].reason).toBe('already_unsubscribed');
    // Form bodies stay refused everywhere else.
    expect((await http('POST', '/api/v1/subscriptions/confirm', form)).status).toBe(415);

    const second = `После отписки ${uniqueSuffix()}`;
    const other = await http('POST', '/api/v1/news/staff/articles', { token: editor, body: { region: 'pavlodar', tags: ['e2e'], translations: { ru: { title: second, summary: 'Итоги.', body: 'Текст.' } } } });
    await http('POST', `/api/v1/news/staff/articles/${other.body.id}/publish`, { token: editor, body: { locales: ['ru'] } });
    const watcher = `watcher-${uniqueSuffix()}@e2e.birgemiz.test`;
    await http('POST', '/api/v1/subscriptions', { body: { email: watcher, locale: 'en', topics: ['news'] } });
    const watcherToken = /\/subscriptions\/confirm\?token=([A-Za-z0-9_.-]+)/.exec((await waitForMail(watcher, () => true, 'confirmation')).text)![1];
    await http('POST', '/api/v1/subscriptions/confirm', { body: { token: watcherToken } });
    const third = `Third ${uniqueSuffix()}`;
    const last = await http('POST', '/api/v1/news/staff/articles', { token: editor, body: { region: 'pavlodar', tags: ['e2e'], translations: { en: { title: third, summary: 'Summary.', body: 'Text.' } } } });
    await http('POST', `/api/v1/news/staff/articles/${last.body.id}/publish`, { token: editor, body: { locales: ['en'] } });
    await waitForMail(watcher, (m) => m.subject === third, 'the newsletter to a subscribed reader');
    for (const email of [latin, russian]) {
      expect(mailTo(email).filter((m) => m.subject === second || m.subject === third)).toHaveLength(0);
      expect(mailTo(email).filter((m) => m.headers['list-unsubscribe'] !== undefined)).toHaveLength(1);
    }
  });

  it('an expired confirmation link and forged management links get 400 and change nothing, and send nothing', async () => {
    const email = `bad-links-${uniqueSuffix()}@e2e.birgemiz.test`;
    expect((await http('POST', '/api/v1/subscriptions', { body: { email, locale: 'ru', topics: ['news'] } })).status).toBe(202);
    const confirmation = await waitForMail(email, () => true, 'the confirmation e-mail');
    const token = /\/subscriptions\/confirm\?token=([A-Za-z0-9_.-]+)/.exec(confirmation.text)![1];
    const { subscriptionId, generation } = claimsOf(token);
    const pending = await storedSubscription({ id: subscriptionId });
    expect(pending).toMatchObject({ email, status: 'pending', generation });
    const requests = await mailRequestsOf(subscriptionId);
    expect(requests).toEqual([`subscription-confirm.${subscriptionId}.${generation}.1`]);

    // The same subscription's link, correctly signed, an hour past its expiry.
    const keys = new SubscriptionTokens({ JWT_SECRET: state.env.JWT_SECRET });
    const expired = keys.sign({ purpose: 'confirm', subscriptionId, generation, expiresAt: Math.floor(Date.now() / 1000) - 3600 });
    const late = await http('POST', '/api/v1/subscriptions/confirm', { body: { token: expired }, headers: { 'accept-language': 'en' } });
    expect(late.status).toBe(400);
    expect(late.body.error.issues[0]).toMatchObject({ path: 'body.token', reason: 'token_expired' });
    expect(await storedSubscription({ id: subscriptionId })).toEqual(pending);

    expect((await http('POST', '/api/v1/subscriptions/confirm', { body: { token } })).status).toBe(200);
    const confirmed = await storedSubscription({ id: subscriptionId });
    expect(confirmed).toMatchObject({ email, status: 'confirmed', locale: 'ru', frequency: 'immediate', unsubscribe_method: null });

    // Management links for this subscription signed with another key, or with a changed payload.
    const otherKey = new SubscriptionTokens({ JWT_SECRET: `not-the-platform-secret-${'x'.repeat(32)}` });
    const wrongKey = otherKey.sign({ purpose: 'manage', subscriptionId, generation, expiresAt: 0 });
    const genuine = keys.sign({ purpose: 'manage', subscriptionId, generation, expiresAt: 0 });
    const [, signature] = genuine.split('.');
    const otherGeneration = `${Buffer.from(`m.${subscriptionId}.${generation + 1}.0`).toString('base64url')}.${signature}`;
    const oneClickForm = { headers: { 'content-type': 'application/x-www-form-urlencoded' }, rawBody: 'List-Unsubscribe=One-Click' };
    for (const forged of [wrongKey, otherGeneration]) {
      const unsubscribe = await http('POST', '/api/v1/subscriptions/unsubscribe', { body: { token: forged } });
      expect(unsubscribe.status).toBe(400);
      expect(unsubscribe.body.error.issues[0].reason).toBe('invalid_token');
      const oneClick = await http('POST', `/api/v1/subscriptions/one-click/${forged}`, oneClickForm);
      expect(oneClick.status).toBe(400);
      expect(oneClick.body.error.issues[0].reason).toBe('invalid_token');
      const change = await http('PATCH', '/api/v1/subscriptions/preferences', { body: { token: forged, locale: 'en', frequency: 'daily' } });
      expect(change.status).toBe(400);
      expect((await http('GET', `/api/v1/subscriptions/preferences?token=${forged}`)).status).toBe(400);
    }
    // Nothing changed: still confirmed with its address and preferences, no new e-mail request, one e-mail received.
    expect(await storedSubscription({ id: subscriptionId })).toEqual(confirmed);
    expect(await mailRequestsOf(subscriptionId)).toEqual(requests);
    expect(mailTo(email)).toHaveLength(1);
  });

  it('an opened campaign reaches the campaigns topic subscribers through Kafka, once, in their script', async () => {
    const email = `campaigns-${uniqueSuffix()}@e2e.birgemiz.test`;
    expect((await http('POST', '/api/v1/subscriptions', { body: { email, locale: 'kk-Latn', topics: ['campaigns', 'region'], region: 'pavlodar' } })).status).toBe(202);
    const token = /\/subscriptions\/confirm\?token=([A-Za-z0-9_.-]+)/.exec((await waitForMail(email, () => true, 'the confirmation e-mail')).text)![1];
    expect((await http('POST', '/api/v1/subscriptions/confirm', { body: { token } })).status).toBe(200);
    const { subscriptionId } = claimsOf(token);

    const title = `Ертіс жағасын тазалау ${uniqueSuffix()}`;
    const created = await http('POST', '/api/v1/staff/campaigns', {
      token: admin,
      body: {
        translations: { 'kk-Cyrl': { title, description: 'Ертіс жағасын бірге тазалаймыз.' } },
        region: 'pavlodar',
        place: 'Pavlodar, embankment',
        startsAt: '2034-05-20T09:00:00+05:00',
        endsAt: '2034-05-20T13:00:00+05:00',
        capacity: 30,
      },
    });
    expect(created.status).toBe(201);
    expect((await http('POST', `/api/v1/staff/campaigns/${created.body.id}/open`, { token: admin })).status).toBe(200);

    const jobId = `campaign-opened.${created.body.id}.${subscriptionId}`;
    const announcement = await waitForMail(email, (m) => m.messageId.startsWith(`<${jobId}@`), 'the campaign announcement');
    expect(announcement.subject).toBe(transliterateCyrillicToLatin(`Жаңа акция: ${title}`));
    expect(announcement.text).toContain('Pavlodar, embankment');
    expect(`${announcement.subject}${announcement.text}`).not.toMatch(CYRILLIC);
    expect(announcement.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    await waitFor(async () => (await db.query(`SELECT 1 FROM volunteers.notification_deliveries WHERE job_id = $1`, [jobId])).rowCount === 1, { what: 'the delivery log row' });
    expect(mailTo(email).filter((m) => m.messageId.startsWith(`<${jobId}@`))).toHaveLength(1);
  });

  it('staff preview and queue operations need staff sign-in', async () => {
    expect((await http('GET', '/api/v1/staff/notifications/preview?type=application-received&locale=kk-Latn')).status).toBe(401);
    const preview = await http('GET', '/api/v1/staff/notifications/preview?type=application-received&locale=kk-Latn', { token: editor });
    expect(preview.status).toBe(200);
    expect(preview.body.locale).toBe('kk-Latn');
    expect(preview.body.text).not.toMatch(CYRILLIC);
    expect((await http('GET', '/api/v1/staff/notifications/failed', { token: editor })).status).toBe(403);
    const failed = await http('GET', '/api/v1/staff/notifications/failed', { token: admin });
    expect(failed.status).toBe(200);
    expect(Array.isArray(failed.body.items)).toBe(true);
    const metrics = await http('GET', '/api/v1/staff/notifications/metrics', { token: admin });
    expect(metrics.status).toBe(200);
    expect(metrics.body.queues['birgemiz-notifications-email']).toBeDefined();
    expect((await http('POST', '/api/v1/staff/notifications/failed/birgemiz-notifications-email/no-such-job/retry', { token: admin })).status).toBe(404);
  });
});
