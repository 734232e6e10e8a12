import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** The four apps the e2e tier boots from dist/, once per run (booting costs consumer-group joins). */
export const APPS = ['news', 'volunteers', 'search', 'gateway'] as const;
export type AppName = (typeof APPS)[number];

export interface PlatformState {
  gatewayUrl: string;
  databaseName: string;
  logDir: string;
  env: Record<string, string>;
  adminEmail: string;
  adminPassword: string;
  pids: Record<AppName, number>;
}

export const ROOT = join(__dirname, '..', '..');
const STATE_ENV = 'BIRGEMIZ_E2E_STATE';

export function statePath(): string {
  const path = process.env[STATE_ENV];
  if (!path) throw new Error(`${STATE_ENV} is not set: run e2e tests through jest --selectProjects e2e`);
  return path;
}

export function setStatePath(path: string): void {
  process.env[STATE_ENV] = path;
}

export function readState(): PlatformState {
  return JSON.parse(readFileSync(statePath(), 'utf8')) as PlatformState;
}

export function writeState(state: PlatformState): void {
  writeFileSync(statePath(), JSON.stringify(state, null, 2));
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** Starts one app from dist/ as a child process with the run's environment; its log goes to logDir/<app>.log. */
export function startApp(state: PlatformState, app: AppName): number {
  const entry = join(ROOT, 'dist', 'apps', app, 'src', 'main.js');
  if (!existsSync(entry)) throw new Error(`${entry} is missing: run npm run build first`);
  mkdirSync(state.logDir, { recursive: true });
  const log = openSync(join(state.logDir, `${app}.log`), 'a');
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: { ...process.env, ...state.env, INSTANCE_ID: `${app}-e2e-${Date.now().toString(36)}` },
    stdio: ['ignore', log, log],
    detached: false,
  });
  closeSync(log);
  child.unref();
  // If the test runner dies, its apps go with it (a stray app would answer the next run's requests).
  process.once('exit', () => child.kill('SIGKILL'));
  if (!child.pid) throw new Error(`could not start ${app}`);
  return child.pid;
}

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops an app: SIGTERM for a graceful shutdown (leaves its consumer group), SIGKILL to simulate a crash. */
export async function stopApp(pid: number, signal: 'SIGTERM' | 'SIGKILL' = 'SIGTERM', timeoutMs = 15_000): Promise<void> {
  if (!isRunning(pid)) return;
  process.kill(pid, signal);
  const deadline = Date.now() + timeoutMs;
  while (isRunning(pid)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      break;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Restarts one app of the running platform and records its new pid. */
export function restartApp(app: AppName): number {
  const state = readState();
  const pid = startApp(state, app);
  writeState({ ...state, pids: { ...state.pids, [app]: pid } });
  return pid;
}

export function tailLog(state: PlatformState, app: AppName, lines = 30): string {
  try {
    return readFileSync(join(state.logDir, `${app}.log`), 'utf8').trim().split('\n').slice(-lines).join('\n');
  } catch {
    return '(no log)';
  }
}
