import { sampleApplicationForm, uniqueSuffix, waitFor } from '@birgemiz/testing';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import { parseMessage } from '../../apps/volunteers/src/notifications/testing/smtp-sink';
import { http } from '../e2e/http';
import { readState, restartApp, stopApp } from '../e2e/platform';

/**
 * The reduced app-kill check of the chaos tier (npm run chaos does the full run): the volunteers service is SIGKILLed
 * while applications keep coming in. Meanwhile the gateway answers 503/504 (never hangs); the client retries with the
 * same Idempotency-Key; after a restart every application is stored exactly once and gets exactly one confirmation.
 */
function form(email: string, n: number) {
  return sampleApplicationForm(n, email, 'Chaos check');
}

function mailTo(address: string): string[] {
  const dir = join(readState().logDir, 'mail');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.eml'))
    .map((f) => parseMessage(readFileSync(join(dir, f), 'utf8')))
    .filter((m) => (m.headers.to ?? '').toLowerCase().includes(address.toLowerCase()))
    .map((m) => m.messageId);
}

async function storedCount(email: string): Promise<number> {
  const state = readState();
  const client = new Client({ connectionString: state.env.DATABASE_URL });
  await client.connect();
  try {
    return Number((await client.query(`SELECT count(*) AS n FROM volunteers.applications WHERE email = $1`, [email])).rows[0].n);
  } finally {
    await client.end();
  }
}

describe('an app SIGKILLed and restarted under load', () => {
  it('volunteers: 503/504 during the outage, then every application stored once with one confirmation e-mail', async () => {
    const suffix = uniqueSuffix();
    // One form per submission: a retry sends the same form with the same key (another form would be a 409).
    const submissions = Array.from({ length: 12 }, (_, n) => {
      const email = `chaos-kill-${suffix}-${n}@e2e.birgemiz.test`;
      return { n, email, form: form(email, n), key: `chaos-kill-${suffix}-${n}`, accepted: false };
    });
    const submit = async (s: (typeof submissions)[number]) => {
      const answer = await http('POST', '/api/v1/applications', { body: s.form, headers: { 'idempotency-key': s.key } });
      if (answer.status === 201) s.accepted = true;
      return answer;
    };

    // Before the kill: accepted.
    for (const s of submissions.slice(0, 4)) expect((await submit(s)).status).toBe(201);

    await stopApp(readState().pids.volunteers, 'SIGKILL');
    // During the outage: quick error answers with Retry-After, nothing accepted.
    for (const s of submissions.slice(4, 8)) {
      const answer = await submit(s);
      expect([503, 504]).toContain(answer.status);
      expect(answer.headers.get('retry-after')).toBeTruthy();
    }

    restartApp('volunteers');
    await waitFor(async () => (await http('GET', '/health/ready')).status === 200, { timeoutMs: 90_000, intervalMs: 500, what: 'the platform to be ready after the restart' });

    await waitFor(async () => (await http('GET', '/health/services/volunteers')).status === 200, { timeoutMs: 60_000, intervalMs: 500, what: 'volunteers to answer' });

    // The client retries what was not accepted (same key), and sends new ones. Few, spaced attempts: submissions are
    // rate-limited per e-mail (5 an hour by default), and a 429 would not be the answer under test.
    for (const s of submissions) {
      if (s.accepted) continue;
      const statuses: number[] = [];
      await waitFor(
        async () => {
          const answer = await submit(s);
          statuses.push(answer.status);
          if (answer.status === 429) throw new Error(`rate-limited after ${statuses.join(', ')}`);
          return answer.status === 201;
        },
        { timeoutMs: 10_000, intervalMs: 2_500, what: `application ${s.n} to be accepted` },
      );
    }
    // A replay of an accepted one is the same application, not a second one.
    expect((await submit(submissions[0])).status).toBe(201);

    for (const s of submissions) {
      expect(await storedCount(s.email)).toBe(1);
      await waitFor(() => mailTo(s.email).length > 0, { timeoutMs: 60_000, intervalMs: 250, what: `the confirmation of application ${s.n}` });
    }
    // Retries that were still on their way have had the time to land: still one message each.
    await new Promise((r) => setTimeout(r, 3_000));
    for (const s of submissions) expect(mailTo(s.email)).toHaveLength(1);
  }, 240_000);
});
