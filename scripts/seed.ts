/**
 * Loads the demo content through the gateway's public API, as a client would: staff accounts of each role.
 * Idempotent: what exists already is left as it is. Reads GATEWAY_URL and the BOOTSTRAP_ADMIN_* / DEMO_STAFF_PASSWORD
 * variables (npm start provides them from .infra/dev.env).
 */
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

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
}

async function main(): Promise<void> {
  const login = await call('POST', '/api/v1/auth/login', {
    email: required('BOOTSTRAP_ADMIN_EMAIL'),
    password: required('BOOTSTRAP_ADMIN_PASSWORD'),
  });
  if (login.status !== 200) throw new Error(`admin login failed: ${login.status} ${JSON.stringify(login.body)}`);
  const token = login.body.accessToken as string;
  const password = process.env.DEMO_STAFF_PASSWORD ?? required('BOOTSTRAP_ADMIN_PASSWORD');

  for (const member of DEMO_STAFF) {
    const created = await call('POST', '/api/v1/staff/accounts', { ...member, password }, token);
    if (created.status === 201) process.stdout.write(`[seed] staff ${member.email} (${member.role}) created\n`);
    else if (created.status === 409) process.stdout.write(`[seed] staff ${member.email} exists\n`);
    else throw new Error(`creating ${member.email} failed: ${created.status} ${JSON.stringify(created.body)}`);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`[seed] failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
