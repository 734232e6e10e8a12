/**
 * The benchmarks' SMTP sink in a process of its own, standing in for an external mail server: messages are counted,
 * not kept, and the counting costs the measured process nothing. `startSinkProcess()` forks this file and talks to it
 * over the IPC channel; run directly, it starts a counting sink and answers `count` messages.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { SmtpSink } from '../apps/volunteers/src/notifications/testing/smtp-sink';

type Request = { type: 'count'; id: number } | { type: 'stop' };
type Reply = { type: 'ready'; url: string } | { type: 'count'; id: number; accepted: number };

export interface SinkProcess {
  /** smtp:// URL of the sink. */
  url: string;
  /** Messages the sink has accepted so far. */
  accepted(): Promise<number>;
  stop(): Promise<void>;
}

export async function startSinkProcess(): Promise<SinkProcess> {
  const child: ChildProcess = fork(__filename, [], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const killWithParent = () => child.kill('SIGKILL');
  process.once('exit', killWithParent);
  const waiting = new Map<number, (accepted: number) => void>();
  let next = 0;
  const url = await new Promise<string>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the SMTP sink process exited with ${code}`)));
    child.on('message', (reply: Reply) => {
      if (reply.type === 'ready') resolve(reply.url);
      else waiting.get(reply.id)?.(reply.accepted);
      if (reply.type === 'count') waiting.delete(reply.id);
    });
  });
  child.removeAllListeners('exit');
  return {
    url,
    accepted: () =>
      new Promise<number>((resolve) => {
        const id = next++;
        waiting.set(id, resolve);
        child.send({ type: 'count', id } satisfies Request);
      }),
    stop: async () => {
      process.removeListener('exit', killWithParent);
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.send({ type: 'stop' } satisfies Request);
      await exited;
    },
  };
}

if (require.main === module) {
  void (async () => {
    const sink = await new SmtpSink({ countOnly: true }).start();
    process.on('message', (request: Request) => {
      if (request.type === 'count') process.send?.({ type: 'count', id: request.id, accepted: sink.accepted } satisfies Reply);
      else void sink.stop().then(() => process.exit(0));
    });
    process.on('disconnect', () => process.exit(0));
    process.send?.({ type: 'ready', url: sink.url } satisfies Reply);
  })();
}
