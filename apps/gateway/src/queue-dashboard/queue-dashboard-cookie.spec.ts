import { dashboardCookie, QUEUE_DASHBOARD_COOKIE, readCookie } from './queue-dashboard-cookie';

describe('queue dashboard cookie', () => {
  it('reads one cookie among others and ignores look-alike names', () => {
    expect(readCookie(`a=1; ${QUEUE_DASHBOARD_COOKIE}=tok.en.x; b=2`, QUEUE_DASHBOARD_COOKIE)).toBe('tok.en.x');
    expect(readCookie(`x${QUEUE_DASHBOARD_COOKIE}=no`, QUEUE_DASHBOARD_COOKIE)).toBeUndefined();
    expect(readCookie(undefined, QUEUE_DASHBOARD_COOKIE)).toBeUndefined();
  });

  it('is HttpOnly, SameSite=Strict, scoped to the dashboard, Secure over HTTPS, and expires with the token', () => {
    expect(dashboardCookie('t', 899.7, false)).toBe(`${QUEUE_DASHBOARD_COOKIE}=t; Path=/admin/queues; Max-Age=899; HttpOnly; SameSite=Strict`);
    expect(dashboardCookie('t', 10, true)).toMatch(/; Secure$/);
    expect(dashboardCookie('', -5, false)).toContain('Max-Age=0');
  });
});
