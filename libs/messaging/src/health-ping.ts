import type { HealthPingResponse } from '@birgemiz/contracts';

const started = Date.now();

/** Runs each dependency check (with a time bound) and builds the answer to `<service>.health.ping`. */
export async function answerHealthPing(
  service: string,
  instanceId: string,
  checks: Record<string, () => Promise<unknown>>,
  timeoutMs = 1_000,
): Promise<HealthPingResponse> {
  const results: Record<string, 'ok' | 'down'> = {};
  await Promise.all(
    Object.entries(checks).map(async ([name, check]) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          check(),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
          }),
        ]);
        results[name] = 'ok';
      } catch {
        results[name] = 'down';
      } finally {
        clearTimeout(timer);
      }
    }),
  );
  return {
    service,
    instanceId,
    status: Object.values(results).every((r) => r === 'ok') ? 'ok' : 'degraded',
    uptimeSeconds: Math.round((Date.now() - started) / 1000),
    checks: results,
  };
}
