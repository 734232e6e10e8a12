import { waitFor } from '@birgemiz/testing';
import { http, pendingRequests } from './http';
import { readState, restartApp, stopApp } from './platform';

/** Uses the e2e REQUEST/HEALTH timeouts of global-setup.ts (health pings: 1,500 ms). */
const HEALTH_TIMEOUT_MS = 1_500;

describe('a service going away and coming back', () => {
  it.each([['SIGTERM' as const], ['SIGKILL' as const]])(
    'after %s: the gateway answers 504 within the timeout, keeps no pending request, and the restarted service answers again',
    async (signal) => {
      await stopApp(readState().pids.news, signal);

      const started = Date.now();
      const down = await http('GET', '/health/services/news', { headers: { 'accept-language': 'ru' } });
      const elapsed = Date.now() - started;
      expect(down.status).toBe(504);
      expect(down.body.error.code).toBe('SERVICE_TIMEOUT');
      expect(down.body.error.message).toBe('Сервис не ответил вовремя. Повторите попытку позже.');
      expect(down.headers.get('retry-after')).toBe('5');
      expect(elapsed).toBeGreaterThanOrEqual(HEALTH_TIMEOUT_MS - 50);
      expect(elapsed).toBeLessThan(HEALTH_TIMEOUT_MS + 3_000);
      expect(await pendingRequests()).toBe(0);

      const ready = await http('GET', '/health/ready');
      expect(ready.status).toBe(503);
      expect(ready.body.services.news).toMatchObject({ status: 'down', error: 'SERVICE_TIMEOUT' });
      expect(ready.body.services.volunteers.status).toBe('up');

      const gatewayPid = readState().pids.gateway;
      restartApp('news');
      // After SIGKILL the dead member holds its partitions until the session timeout (6 s in e2e) expires.
      await waitFor(async () => (await http('GET', '/health/services/news')).status === 200, {
        timeoutMs: 60_000,
        intervalMs: 500,
        what: 'news to answer again',
      });
      expect((await http('GET', '/health/ready')).status).toBe(200);
      expect(readState().pids.gateway).toBe(gatewayPid);
      expect(await pendingRequests()).toBe(0);
    },
    120_000,
  );
});
