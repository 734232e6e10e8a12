import { Agent, request } from 'node:http';

export interface PacedResult {
  /** Requests sent (answered or not). */
  requests: number;
  achievedRps: number;
  p50Ms: number;
  p90Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  non2xx: number;
  errors: number;
  /**
   * Latency of the requests due in each second of the run (p50 / p99 / max, ms): a tail that comes from one stall shows
   * up as one bad second, a tail from steady queueing as many.
   */
  perSecond: { second: number; p50Ms: number; p99Ms: number; maxMs: number }[];
}

/** Requests of a paced run that were answered 2xx. */
export function answered2xx(result: PacedResult): number {
  return result.requests - result.non2xx - result.errors;
}

export interface PacedOptions {
  url: string;
  /** Requests per second, sent at even intervals. */
  rate: number;
  seconds: number;
  method?: string;
  headers?: Record<string, string>;
  /** Body of the i-th request (JSON requests). */
  body?: (i: number) => string;
  /** Open connections at most; requests beyond wait for one (and that wait counts in their latency). */
  maxConnections?: number;
}

/**
 * Open-loop load at a fixed rate: request i is due at start + i/rate and is sent then whether or not earlier ones
 * have been answered; its latency is measured from when it was due, so a stalled server shows up as latency instead
 * of silently lowering the rate (autocannon's rate limit sends each second's quota back to back on every
 * connection, which measures bursts, not a steady rate).
 */
export async function pacedLoad(options: PacedOptions): Promise<PacedResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.maxConnections ?? 64 });
  const total = Math.round(options.rate * options.seconds);
  const interval = 1000 / options.rate;
  const latencies: number[] = [];
  /** Latencies by the second in which their request was due. */
  const bySecond: number[][] = Array.from({ length: Math.ceil(options.seconds) }, () => []);
  let non2xx = 0;
  let errors = 0;
  const pending: Promise<void>[] = [];
  const started = performance.now();
  for (let i = 0; i < total; i++) {
    const due = started + i * interval;
    const wait = due - performance.now();
    // Yield every time (setImmediate when the request is already due) so answers are read while sending.
    await new Promise((r) => (wait > 1 ? setTimeout(r, wait) : setImmediate(r)));
    pending.push(
      send(agent, options, i).then(
        (status) => {
          const latency = performance.now() - due;
          latencies.push(latency);
          bySecond[Math.min(bySecond.length - 1, Math.floor((i * interval) / 1000))].push(latency);
          if (status < 200 || status >= 300) non2xx += 1;
        },
        () => {
          errors += 1;
        },
      ),
    );
  }
  await Promise.all(pending);
  const elapsed = (performance.now() - started) / 1000;
  agent.destroy();
  const at = quantiles(latencies);
  const perSecond = bySecond.map((l, second) => {
    const q = quantiles(l);
    return { second, p50Ms: q(0.5), p99Ms: q(0.99), maxMs: q(1) };
  });
  return {
    requests: total,
    achievedRps: Math.round(latencies.length / elapsed),
    p50Ms: at(0.5),
    p90Ms: at(0.9),
    p95Ms: at(0.95),
    p99Ms: at(0.99),
    maxMs: at(1),
    non2xx,
    errors,
    perSecond,
  };
}

/** Quantile lookup over the latencies (sorted in place), rounded to 0.1 ms; NaN when there are none. */
function quantiles(latencies: number[]): (q: number) => number {
  latencies.sort((a, b) => a - b);
  return (q) => (latencies.length ? Math.round(latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * q))] * 10) / 10 : Number.NaN);
}

function send(agent: Agent, options: PacedOptions, i: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const body = options.body?.(i);
    const req = request(
      options.url,
      {
        agent,
        method: options.method ?? 'GET',
        headers: { ...options.headers, ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) }) },
        timeout: 30_000,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', reject);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}
