/** Where the dashboard is served (outside /api/v1: it is a page for people, not an API of the platform). */
export const QUEUE_DASHBOARD_PATH = '/admin/queues';
/** HttpOnly cookie that carries an admin's access token to the dashboard (browsers send no Bearer header on navigation). */
export const QUEUE_DASHBOARD_COOKIE = 'birgemiz_queue_dashboard';

/** One cookie's value from a Cookie header (no dependency for one cookie). */
export function readCookie(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at > 0 && part.slice(0, at).trim() === name) return decodeURIComponent(part.slice(at + 1).trim());
  }
  return undefined;
}

/** Set-Cookie value that opens the dashboard until the access token expires (or clears it with maxAgeSeconds 0). */
export function dashboardCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  const attributes = [`${QUEUE_DASHBOARD_COOKIE}=${token}`, `Path=${QUEUE_DASHBOARD_PATH}`, `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`, 'HttpOnly', 'SameSite=Strict'];
  if (secure) attributes.push('Secure');
  return attributes.join('; ');
}
