import { Parser } from '@asyncapi/parser';
import { Topics } from '@birgemiz/contracts';
import { uniqueSuffix } from '@birgemiz/testing';
import { http, loginAs } from './http';
import { readState } from './platform';

describe('platform through the gateway (four apps, real Kafka, PostgreSQL, Redis)', () => {
  const state = readState();

  it('is live, and ready only with every service answering over Kafka', async () => {
    expect((await http('GET', '/health/live')).body).toEqual({ status: 'ok' });
    const ready = await http('GET', '/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.kafka).toBe('connected');
    for (const service of ['news', 'volunteers', 'search']) {
      expect(ready.body.services[service]).toMatchObject({ status: 'up', answer: { service, status: 'ok' } });
    }
    expect(ready.body.services.volunteers.answer.checks).toEqual({ database: 'ok', redis: 'ok' });
  });

  it.each(['news', 'volunteers', 'search'])('makes a request-reply round trip to %s', async (service) => {
    const answer = await http('GET', `/health/services/${service}`, { headers: { 'x-correlation-id': `e2e-${service}-roundtrip` } });
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ service, status: 'ok' });
    expect(answer.body.instanceId).toMatch(new RegExp(`^${service}-e2e-`));
    expect(answer.headers.get('x-correlation-id')).toBe(`e2e-${service}-roundtrip`);
  });

  it('answers 404 in the caller’s language for an unknown service', async () => {
    const answer = await http('GET', '/health/services/payments', { headers: { 'accept-language': 'kk-KZ,ru;q=0.8' } });
    expect(answer.status).toBe(404);
    expect(answer.body.error).toMatchObject({ code: 'NOT_FOUND', message: 'Сұралған нысан табылмады.' });
  });

  describe('staff sign-in', () => {
    it('lets the bootstrap admin in; the token opens staff routes that refuse anonymous callers', async () => {
      const login = await http('POST', '/api/v1/auth/login', { body: { email: state.adminEmail, password: state.adminPassword } });
      expect(login.status).toBe(200);
      expect(login.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900, staff: { role: 'admin', email: state.adminEmail } });

      const anonymous = await http('GET', '/api/v1/staff/accounts');
      expect(anonymous.status).toBe(401);
      expect(anonymous.body.error.code).toBe('UNAUTHENTICATED');

      const forged = await http('GET', '/api/v1/staff/accounts', { token: `${login.body.accessToken}x` });
      expect(forged.status).toBe(401);

      const list = await http('GET', '/api/v1/staff/accounts?page=1&pageSize=5', { token: login.body.accessToken });
      expect(list.status).toBe(200);
      expect(list.body).toMatchObject({ page: 1, pageSize: 5 });
      expect(list.body.items.map((a: { email: string }) => a.email)).toContain(state.adminEmail);
    });

    it('refuses a lesser role with 403', async () => {
      const admin = await loginAs(state.adminEmail, state.adminPassword);
      const email = `editor-${uniqueSuffix()}@e2e.birgemiz.test`;
      const created = await http('POST', '/api/v1/staff/accounts', {
        token: admin,
        body: { email, displayName: 'Редактор', role: 'editor', password: 'editor-password-123' },
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ email, role: 'editor' });

      const editor = await loginAs(email, 'editor-password-123');
      expect((await http('GET', '/api/v1/staff/me', { token: editor })).body).toMatchObject({ email, role: 'editor' });
      const refused = await http('GET', '/api/v1/staff/accounts', { token: editor, headers: { 'accept-language': 'ru' } });
      expect(refused.status).toBe(403);
      expect(refused.body.error).toMatchObject({ code: 'FORBIDDEN', message: 'У вас нет прав на это действие.' });
    });

    it('answers 401 for wrong credentials and 429 with Retry-After for a locked account', async () => {
      const admin = await loginAs(state.adminEmail, state.adminPassword);
      const email = `coordinator-${uniqueSuffix()}@e2e.birgemiz.test`;
      await http('POST', '/api/v1/staff/accounts', {
        token: admin,
        body: { email, displayName: 'Үйлестіруші', role: 'coordinator', password: 'coordinator-pass-1' },
      });
      for (let i = 0; i < 2; i++) {
        const wrong = await http('POST', '/api/v1/auth/login', { body: { email, password: 'wrong-password' } });
        expect(wrong.status).toBe(401);
        expect(wrong.body.error.code).toBe('INVALID_CREDENTIALS');
      }
      const locking = await http('POST', '/api/v1/auth/login', { body: { email, password: 'wrong-password' } });
      expect(locking.status).toBe(429);
      expect(locking.body.error.code).toBe('ACCOUNT_LOCKED');
      const locked = await http('POST', '/api/v1/auth/login', { body: { email, password: 'coordinator-pass-1' } });
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get('retry-after'))).toBeGreaterThan(500);
    });

    it('rate-limits login attempts per e-mail with 429 and Retry-After', async () => {
      const email = `nobody-${uniqueSuffix()}@e2e.birgemiz.test`;
      const statuses: number[] = [];
      for (let i = 0; i < 9; i++) {
        statuses.push((await http('POST', '/api/v1/auth/login', { body: { email, password: 'guess' } })).status);
      }
      expect(statuses.slice(0, 8)).toEqual(Array(8).fill(401));
      const limited = await http('POST', '/api/v1/auth/login', { body: { email, password: 'guess' } });
      expect(limited.status).toBe(429);
      expect(limited.body.error.code).toBe('RATE_LIMITED');
      expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    it('rotates the refresh token', async () => {
      const login = await http('POST', '/api/v1/auth/login', { body: { email: state.adminEmail, password: state.adminPassword } });
      const refreshed = await http('POST', '/api/v1/auth/refresh', { body: { refreshToken: login.body.refreshToken } });
      expect(refreshed.status).toBe(200);
      expect(refreshed.body.refreshToken).not.toBe(login.body.refreshToken);
      expect((await http('GET', '/api/v1/staff/me', { token: refreshed.body.accessToken })).status).toBe(200);
      const replay = await http('POST', '/api/v1/auth/refresh', { body: { refreshToken: login.body.refreshToken } });
      expect(replay.status).toBe(401);
    });
  });

  describe('bad input gets a clear 4xx and changes nothing', () => {
    it('validates bodies with localized field messages', async () => {
      const answer = await http('POST', '/api/v1/auth/login', {
        body: { email: 'not-an-email', password: '', extra: 1 },
        headers: { 'accept-language': 'kk' },
      });
      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('VALIDATION_FAILED');
      expect(answer.body.error.message).toBe('Сұрау деректері қате толтырылған.');
      const paths = answer.body.error.issues.map((i: { path: string }) => i.path);
      expect(paths).toEqual(expect.arrayContaining(['body.email', 'body.password']));
    });

    it.each([
      ['malformed JSON', { rawBody: '{"email":', headers: { 'content-type': 'application/json' } }, 400],
      ['a non-JSON content type', { rawBody: 'email=a', headers: { 'content-type': 'text/plain' } }, 415],
      ['a form body', { rawBody: 'email=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } }, 415],
      ['a body over 1 MiB', { body: { email: 'a@b.kz', password: 'x'.repeat(1_100_000) } }, 413],
    ])('refuses %s', async (_what, options, status) => {
      const answer = await http('POST', '/api/v1/auth/login', options);
      expect(answer.status).toBe(status);
      expect(answer.body.error.correlationId).toEqual(expect.any(String));
    });

    it('refuses page size 10^9 and a role that does not exist', async () => {
      const admin = await loginAs(state.adminEmail, state.adminPassword);
      expect((await http('GET', '/api/v1/staff/accounts?pageSize=1000000000', { token: admin })).status).toBe(400);
      const bad = await http('POST', '/api/v1/staff/accounts', {
        token: admin,
        body: { email: `x-${uniqueSuffix()}@e2e.birgemiz.test`, displayName: 'X', role: 'superuser', password: 'long-enough-pass' },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.issues[0]).toMatchObject({ path: 'body.role', reason: 'invalid_enum_value' });
    });
  });

  describe('documentation', () => {
    it('serves OpenAPI at /docs with the staff routes', async () => {
      expect((await http('GET', '/docs')).status).toBe(200);
      const spec = await http('GET', '/docs/openapi.json');
      expect(spec.status).toBe(200);
      expect(Object.keys(spec.body.paths)).toEqual(expect.arrayContaining(['/api/v1/auth/login', '/api/v1/staff/accounts', '/health/ready']));
    });

    it('serves a valid AsyncAPI catalogue of the public topics only', async () => {
      const answer = await http('GET', '/docs/asyncapi.json');
      expect(answer.status).toBe(200);
      const { document, diagnostics } = await new Parser().parse(JSON.stringify(answer.body));
      expect(diagnostics.filter((d) => d.severity === 0)).toEqual([]);
      const addresses = document!.channels().all().map((c) => c.address());
      expect(addresses).toEqual(expect.arrayContaining([Topics.NewsArticleV1, Topics.VolunteersApplicationV1, Topics.VolunteersCampaignV1]));
      expect(addresses).not.toContain(Topics.NewsArticleViewV1);
    });
  });
});
