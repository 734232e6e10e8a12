import { Injectable } from '@nestjs/common';

const WINDOW = 2_000;

/** Counters of this instance: messages sent and failed by type, and the enqueue-to-accepted latency of recent ones. */
@Injectable()
export class NotificationMetrics {
  private readonly sentByType = new Map<string, number>();
  private readonly failedByType = new Map<string, number>();
  private readonly latencies: number[] = [];
  private next = 0;

  sent(type: string, latencyMs: number | null): void {
    this.sentByType.set(type, (this.sentByType.get(type) ?? 0) + 1);
    if (latencyMs === null || latencyMs < 0) return;
    if (this.latencies.length < WINDOW) this.latencies.push(latencyMs);
    else this.latencies[this.next++ % WINDOW] = latencyMs;
  }

  failed(type: string): void {
    this.failedByType.set(type, (this.failedByType.get(type) ?? 0) + 1);
  }

  snapshot(): { sent: Record<string, number>; failed: Record<string, number>; latencyMs: { count: number; p50: number | null; p95: number | null; max: number | null } } {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const at = (q: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : null);
    return {
      sent: Object.fromEntries(this.sentByType),
      failed: Object.fromEntries(this.failedByType),
      latencyMs: { count: sorted.length, p50: at(0.5), p95: at(0.95), max: sorted.length ? sorted[sorted.length - 1] : null },
    };
  }
}
