import { NOTIFICATION_QUEUE_NAMES, NotificationQueues } from '@birgemiz/contracts';
import { uniqueSuffix, waitFor } from '@birgemiz/testing';
import { http, loginAs } from './http';
import { readState } from './platform';

const PAGE = '/admin/queues';
const API = '/admin/queues/api/queues';
const SESSION = '/api/v1/staff/queue-dashboard/session';

describe('queue dashboard (Bull Board) behind staff auth: admins only', () => {
  const state = readState();
  let admin: string;
  let editor: string;
  let coordinator: string;

  beforeAll(async () => {
    admin = await loginAs(state.adminEmail, state.adminPassword);
    for (const role of ['editor', 'coordinator'] as const) {
      const email = `${role}-dash-${uniqueSuffix()}@e2e.birgemiz.test`;
      const created = await http('POST', '/api/v1/staff/accounts', { token: admin, body: { email, displayName: role, role, password: `${role}-password-123` } });
      expect(created.status).toBe(201);
      const token = await loginAs(email, `${role}-password-123`);
      if (role === 'editor') editor = token;
      else coordinator = token;
    }
  });

  it('anonymous requests get 401 for the page, its JSON API and its static files', async () => {
    for (const path of [PAGE, `${PAGE}/`, API, `${PAGE}/static/css/anything.css`]) {
      const answer = await http('GET', path);
      expect({ path, status: answer.status }).toEqual({ path, status: 401 });
      expect(answer.body.error.code).toBe('UNAUTHENTICATED');
    }
    const forged = await http('GET', PAGE, { headers: { cookie: 'birgemiz_queue_dashboard=eyJhbGciOiJIUzI1NiJ9.e30.forged-signature' } });
    expect(forged.status).toBe(401);
    expect((await http('GET', API, { headers: { authorization: 'Bearer not-a-valid-token' } })).status).toBe(401);
  });

  it('staff without the admin role get 403, by header and through the sign-in step', async () => {
    for (const token of [editor, coordinator]) {
      expect((await http('GET', PAGE, { token })).status).toBe(403);
      const api = await http('GET', API, { token });
      expect(api.status).toBe(403);
      expect(api.body.error.code).toBe('FORBIDDEN');
      expect((await http('POST', SESSION, { token })).status).toBe(403);
      // A non-admin token smuggled in the cookie is refused as well.
      expect((await http('GET', PAGE, { headers: { cookie: `birgemiz_queue_dashboard=${token}` } })).status).toBe(403);
    }
  });

  it('admins get the HTML page, its static assets and the JSON API of the notification queues (Bearer header)', async () => {
    const page = await http<string>('GET', PAGE, { token: admin });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(page.body).toContain('<base href="/admin/queues/"');
    const assets = [...page.body.matchAll(/(?:src|href)="(static\/[^"]+)"/g)].map((m) => `${PAGE}/${m[1]}`);
    expect(assets.length).toBeGreaterThanOrEqual(2);
    for (const asset of assets) {
      const answer = await fetch(`${state.gatewayUrl}${asset}`, { headers: { authorization: `Bearer ${admin}` } });
      expect({ asset, status: answer.status }).toEqual({ asset, status: 200 });
      await answer.arrayBuffer();
    }

    const api = await http('GET', API, { token: admin });
    expect(api.status).toBe(200);
    expect(api.headers.get('content-type')).toMatch(/^application\/json/);
    const names = (api.body.queues as { name: string }[]).map((q) => q.name).sort();
    expect(names).toEqual([...NOTIFICATION_QUEUE_NAMES].sort());
  });

  it('shows the jobs the volunteers service enqueued (the same queues and key prefix)', async () => {
    const emailQueue = async () => {
      const api = await http('GET', API, { token: admin });
      return (api.body.queues as { name: string; counts: Record<string, number> }[]).find((q) => q.name === NotificationQueues.Email)!;
    };
    const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);
    const before = total((await emailQueue()).counts);
    const applied = await http('POST', '/api/v1/applications', {
      body: {
        fullName: `Dana Board ${uniqueSuffix()}`,
        email: `dashboard-${uniqueSuffix()}@e2e.birgemiz.test`,
        phone: `8 70${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}`,
        birthDate: '1997-03-08',
        region: 'almaty',
        city: 'Almaty',
        languages: [{ code: 'en', level: 'fluent' }],
        skills: ['event-support'],
        availability: { days: ['sun'], timesOfDay: ['evening'], hoursPerWeek: 2 },
        motivation: 'I would like to help with events in my city.',
        consent: { accepted: true, version: '2026-01' },
      },
    });
    expect(applied.status).toBe(201);
    await waitFor(async () => total((await emailQueue()).counts) > before, { timeoutMs: 30_000, what: 'the thank-you e-mail job to show on the dashboard' });
  });

  it('a browser opens it with the HttpOnly cookie from the sign-in step, and closes it again', async () => {
    const opened = await http('POST', SESSION, { token: admin });
    expect(opened.status).toBe(204);
    const setCookie = opened.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^birgemiz_queue_dashboard=[A-Za-z0-9._-]+; Path=\/admin\/queues; Max-Age=\d+; HttpOnly; SameSite=Strict/);
    expect(Number(/Max-Age=(\d+)/.exec(setCookie)![1])).toBeGreaterThan(0);
    const cookie = setCookie.split(';')[0];

    const page = await http<string>('GET', PAGE, { headers: { cookie } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    const api = await http('GET', API, { headers: { cookie } });
    expect(api.status).toBe(200);
    expect(api.body.queues).toHaveLength(NOTIFICATION_QUEUE_NAMES.length);

    const closed = await http('DELETE', SESSION);
    expect(closed.status).toBe(204);
    expect(closed.headers.get('set-cookie')).toMatch(/^birgemiz_queue_dashboard=; Path=\/admin\/queues; Max-Age=0; HttpOnly/);
  });
});
