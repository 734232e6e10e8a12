import { HostLoadGate, readCpu, type CpuReading } from './host-load-gate';

/** A host of 2 cores sampled every 500 ms: 1,000 ms of CPU time per sample, of which `others` + `self` were busy. */
function fakeHost() {
  const reading: CpuReading = { hostBusyMs: 0, hostTotalMs: 0, selfMs: 0 };
  let now = 0;
  const events: string[] = [];
  const gate = new HostLoadGate({
    busyShare: 0.5,
    maxPauseMs: 10_000,
    minRunMs: 2_000,
    sampleMs: 500,
    pause: () => events.push('pause'),
    resume: () => events.push('resume'),
    read: () => ({ ...reading }),
    now: () => now,
  });
  const tick = (others: number, self = 0) => {
    now += 500;
    reading.hostTotalMs += 1_000;
    reading.hostBusyMs += (others + self) * 1_000;
    reading.selfMs += self * 1_000;
    return gate.sample();
  };
  return { gate, tick, events };
}

describe('HostLoadGate', () => {
  it('stays open while the rest of the host is below the threshold, whatever this process uses itself', () => {
    const { gate, tick, events } = fakeHost();
    expect(tick(0.1, 0.9)).toBeCloseTo(0.1);
    expect(tick(0.45, 0.5)).toBeCloseTo(0.45);
    expect(gate.isPaused).toBe(false);
    expect(events).toEqual([]);
  });

  it('pauses while the rest of the host is busy and resumes once it falls below 80% of the threshold', () => {
    const { gate, tick, events } = fakeHost();
    tick(0.8);
    expect(gate.isPaused).toBe(true);
    tick(0.45);
    expect(gate.isPaused).toBe(true);
    tick(0.3);
    expect(gate.isPaused).toBe(false);
    expect(events).toEqual(['pause', 'resume']);
    expect(gate.pauses).toBe(1);
  });

  it('never pauses longer than maxPauseMs, then runs for minRunMs under the same load before pausing again', () => {
    const { gate, tick, events } = fakeHost();
    tick(0.9);
    for (let i = 0; i < 19; i++) tick(0.9);
    expect(gate.isPaused).toBe(true);
    tick(0.9);
    expect(gate.isPaused).toBe(false);
    expect(events).toEqual(['pause', 'resume']);
    for (let i = 0; i < 3; i++) tick(0.9);
    expect(gate.isPaused).toBe(false);
    tick(0.9);
    expect(gate.isPaused).toBe(true);
    expect(events).toEqual(['pause', 'resume', 'pause']);
  });

  it('resumes the work when stopped while paused', () => {
    const { gate, tick, events } = fakeHost();
    tick(1);
    gate.stop();
    expect(gate.isPaused).toBe(false);
    expect(events).toEqual(['pause', 'resume']);
  });

  it('reads real CPU counters that only grow', () => {
    const a = readCpu();
    for (let i = 0; i < 1e6; i++) Math.sqrt(i);
    const b = readCpu();
    expect(b.hostTotalMs).toBeGreaterThanOrEqual(a.hostTotalMs);
    expect(b.selfMs).toBeGreaterThan(a.selfMs);
    expect(a.hostBusyMs).toBeLessThanOrEqual(a.hostTotalMs);
  });
});
