import { cpus } from 'node:os';

/** CPU time of the whole host (all cores, ms) and of this process (ms), as read at one moment. */
export interface CpuReading {
  hostBusyMs: number;
  hostTotalMs: number;
  selfMs: number;
}

export function readCpu(): CpuReading {
  let busy = 0;
  let total = 0;
  for (const { times } of cpus()) {
    busy += times.user + times.nice + times.sys + times.irq;
    total += times.user + times.nice + times.sys + times.irq + times.idle;
  }
  const self = process.cpuUsage();
  return { hostBusyMs: busy, hostTotalMs: total, selfMs: (self.user + self.system) / 1000 };
}

export interface HostLoadGateOptions {
  /** Pause while the rest of the host (this process excluded) keeps more than this share of all cores busy (0–1). */
  busyShare: number;
  /** A pause never lasts longer than this; the work then runs for at least `minRunMs` whatever the load. */
  maxPauseMs: number;
  /** Shortest run between two pauses (no flapping on a load that hovers around the threshold). */
  minRunMs: number;
  sampleMs: number;
  pause: () => void;
  resume: () => void;
  read?: () => CpuReading;
  now?: () => number;
}

/**
 * Lets background work (notification e-mails, newsletters, webhooks) yield the CPU to request traffic on a shared host:
 * every `sampleMs` it measures how busy the host's cores were without this process, pauses the work while that share
 * is above `busyShare` and resumes it once the share falls below 80% of it — or when the pause has lasted `maxPauseMs`,
 * so background work is delayed under sustained load, never starved. On a host of its own the rest of the host is idle
 * and the gate stays open. Scheduling the process at idle priority alone is not enough: the PostgreSQL, Redis and SMTP
 * work each job causes runs at normal priority in other processes.
 */
export class HostLoadGate {
  private readonly read: () => CpuReading;
  private readonly now: () => number;
  private last: CpuReading;
  private paused = false;
  private changedAt: number;
  private forced = false;
  private timer: NodeJS.Timeout | undefined;
  /** Pauses so far (for logs and tests). */
  pauses = 0;

  constructor(private readonly options: HostLoadGateOptions) {
    this.read = options.read ?? readCpu;
    this.now = options.now ?? Date.now;
    this.last = this.read();
    this.changedAt = this.now();
  }

  get isPaused(): boolean {
    return this.paused;
  }

  start(): void {
    this.timer ??= setInterval(() => this.sample(), this.options.sampleMs);
    this.timer.unref();
  }

  /** Stops sampling; the work is resumed if the gate had paused it. */
  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.paused) this.set(false);
  }

  /** One sample: the share of the host busy without this process since the last sample, and the decision it makes. */
  sample(): number {
    const reading = this.read();
    const total = reading.hostTotalMs - this.last.hostTotalMs;
    const others = reading.hostBusyMs - this.last.hostBusyMs - (reading.selfMs - this.last.selfMs);
    this.last = reading;
    const share = total > 0 ? Math.max(0, others) / total : 0;
    const elapsed = this.now() - this.changedAt;
    if (this.paused) {
      if (share < this.options.busyShare * 0.8) this.set(false);
      else if (elapsed >= this.options.maxPauseMs) {
        this.forced = true;
        this.set(false);
      }
    } else if (share > this.options.busyShare && (elapsed >= this.options.minRunMs || !this.forced)) {
      this.forced = false;
      this.pauses += 1;
      this.set(true);
    }
    return share;
  }

  private set(paused: boolean): void {
    this.paused = paused;
    this.changedAt = this.now();
    if (paused) this.options.pause();
    else this.options.resume();
  }
}
