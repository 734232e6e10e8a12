import autocannon from 'autocannon';

export interface LoadResult {
  name: string;
  url: string;
  requestsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  errors: number;
  non2xx: number;
  total: number;
}

/** Runs autocannon against one URL (after a short warm-up) and keeps the figures we report. */
export async function load(name: string, url: string, options: { connections: number; seconds: number }): Promise<LoadResult> {
  await autocannon({ url, connections: options.connections, duration: 2 });
  const result = await autocannon({ url, connections: options.connections, duration: options.seconds });
  return {
    name,
    url,
    requestsPerSecond: Math.round(result.requests.average),
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    total: result.requests.total,
  };
}
