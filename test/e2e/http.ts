import { readState } from './platform';

export interface HttpAnswer<T = any> {
  status: number;
  headers: Headers;
  body: T;
  ms: number;
}

/** A small fetch wrapper against the gateway of the running platform. */
export async function http<T = any>(
  method: string,
  path: string,
  options: { body?: unknown; token?: string; headers?: Record<string, string>; rawBody?: string } = {},
): Promise<HttpAnswer<T>> {
  const { gatewayUrl } = readState();
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | undefined = options.rawBody;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = JSON.stringify(options.body);
  }
  const started = Date.now();
  const response = await fetch(`${gatewayUrl}${path}`, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON (metrics, HTML)
  }
  return { status: response.status, headers: response.headers, body: parsed as T, ms: Date.now() - started };
}

const tokens = new Map<string, Promise<string>>();

/**
 * An access token for the account, signed in once per test run: logins are rate-limited per e-mail (8 a minute in
 * the e2e environment), and tests that are not about signing in should not use that budget up.
 */
export function loginAs(email: string, password: string): Promise<string> {
  const key = `${email}\n${password}`;
  let token = tokens.get(key);
  if (!token) {
    token = (async () => {
      const answer = await http('POST', '/api/v1/auth/login', { body: { email, password } });
      if (answer.status !== 200) throw new Error(`login failed: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body.accessToken as string;
    })();
    token.catch(() => tokens.delete(key));
    tokens.set(key, token);
  }
  return token;
}

export async function pendingRequests(): Promise<number> {
  const answer = await http<string>('GET', '/metrics');
  const match = /^birgemiz_gateway_pending_requests (\d+)$/m.exec(answer.body);
  if (!match) throw new Error('metrics without pending requests');
  return Number(match[1]);
}
