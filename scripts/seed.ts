/**
 * Loads the demo content through the gateway's public API, as a client would: staff accounts of each role and
 * demo news in Kazakh (Cyrillic and Latin), Russian and English. Idempotent: what exists already is left as it is.
 * Reads GATEWAY_URL and the BOOTSTRAP_ADMIN_* / DEMO_STAFF_PASSWORD variables (npm start provides them from
 * .infra/dev.env).
 */
import { DEMO_ARTICLES } from './demo/articles';
import { DEMO_STAFF } from './demo/staff';

const gateway = process.env.GATEWAY_URL ?? 'http://127.0.0.1:3000';

async function call(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any }> {
  const response = await fetch(`${gateway}${path}`, {
    method,
    headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

async function expectOk(what: string, answer: Promise<{ status: number; body: any }>): Promise<any> {
  const { status, body } = await answer;
  if (status < 200 || status >= 300) throw new Error(`${what} failed: ${status} ${JSON.stringify(body)}`);
  return body;
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

function log(line: string): void {
  process.stdout.write(`[seed] ${line}\n`);
}

async function main(): Promise<void> {
  const login = await expectOk(
    'admin login',
    call('POST', '/api/v1/auth/login', { email: required('BOOTSTRAP_ADMIN_EMAIL'), password: required('BOOTSTRAP_ADMIN_PASSWORD') }),
  );
  const token = login.accessToken as string;
  const password = process.env.DEMO_STAFF_PASSWORD ?? required('BOOTSTRAP_ADMIN_PASSWORD');

  for (const member of DEMO_STAFF) {
    const created = await call('POST', '/api/v1/staff/accounts', { ...member, password }, token);
    if (created.status === 201) log(`staff ${member.email} (${member.role}) created`);
    else if (created.status === 409) log(`staff ${member.email} exists`);
    else throw new Error(`creating ${member.email} failed: ${created.status} ${JSON.stringify(created.body)}`);
  }

  for (const [index, demo] of DEMO_ARTICLES.entries()) {
    const ru = demo.translations.ru!;
    const existing = await call('GET', `/api/v1/news/latest?limit=20&locale=ru`);
    if (existing.status === 200 && existing.body.some((a: { title: string }) => a.title === ru.title)) {
      log(`article ${index + 1}/${DEMO_ARTICLES.length} exists`);
      continue;
    }
    let article = await expectOk('creating a demo article', call('POST', '/api/v1/news/staff/articles', demo, token));
    if (demo.translations['kk-Cyrl']) {
      article = await expectOk(
        'transliterating a demo article',
        call('POST', `/api/v1/news/staff/articles/${article.id}/transliterate`, { expectedVersion: article.version, from: 'kk-Cyrl', to: 'kk-Latn' }, token),
      );
    }
    await expectOk('publishing a demo article', call('POST', `/api/v1/news/staff/articles/${article.id}/publish`, { expectedVersion: article.version }, token));
    log(`article ${index + 1}/${DEMO_ARTICLES.length} published in ${article.translations.map((t: { locale: string }) => t.locale).join(', ')}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[seed] failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
