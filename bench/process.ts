import { spawn, type ChildProcess } from 'node:child_process';

/** Starts a node script and resolves once `ready` answers true (or rejects after the timeout). */
export async function startProcess(
  script: string,
  env: Record<string, string>,
  ready: () => Promise<boolean>,
  timeoutMs = 60_000,
  /** Where the child's stdout and stderr go (a file descriptor); by default stdout is dropped and stderr inherited. */
  logFd?: number,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [script], {
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
