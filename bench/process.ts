import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';

/** Starts a node script and resolves once `ready` answers true (or rejects after the timeout). */
export async function startProcess(
  script: string,
  env: Record<string, string>,
  ready: () => Promise<boolean>,
  timeoutMs = 60_000,
  /** Where the child's stdout and stderr go (a file descriptor); by default stdout is dropped and stderr inherited. */
  logFd?: number,
): Promise<ChildProcess> {
  // BENCH_CPU_PROF_DIR=<dir>: each app writes a V8 CPU profile there when it stops (NODE_OPTIONS refuses --cpu-prof).
  const profileDir = process.env.BENCH_CPU_PROF_DIR;
  const args = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, script] : [script];
  const child = spawn(process.execPath, args, {
    env: { ...process.env, ...env },
    stdio: ['ignore', logFd ?? 'ignore', logFd ?? 'inherit'],
  });
  // The benchmark's children must not outlive it (they would answer another platform's requests).
  process.once('exit', () => child.kill('SIGKILL'));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${script} exited with ${child.exitCode}`);
    try {
      if (await ready()) return child;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${script} was not ready within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  if (child.exitCode === null) child.kill('SIGKILL');
}

export async function answers200(url: string): Promise<boolean> {
  const response = await fetch(url);
  return response.status === 200;
}

/** User + system CPU time (ms) a process has used so far, from /proc (0 where /proc is missing). */
export function cpuTimeMs(pid: number | undefined): number {
  try {
    const stat = require('node:fs').readFileSync(`/proc/${pid}/stat`, 'utf8') as string;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime are fields 14 and 15 of the file (11 and 12 after the command name), in clock ticks (100/s).
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

/**
 * CPU time (ms) all processes of the machine have spent so far, idle and I/O wait excluded (/proc/stat, 100 ticks/s):
 * what a scenario costs in all, PostgreSQL, Redis, the broker and the load generator included.
 */
export function machineBusyMs(): number {
  try {
    const line = (require('node:fs').readFileSync('/proc/stat', 'utf8') as string).split('\n')[0];
    // cpu user nice system idle iowait irq softirq steal …
    const [user, nice, system, , , irq, softirq] = line.trim().split(/\s+/).slice(1).map(Number);
    return (user + nice + system + irq + softirq) * 10;
  } catch {
    return 0;
  }
}

/** A TCP port nothing listens on right now (benchmarks of several checkouts may run on one machine). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });
}
