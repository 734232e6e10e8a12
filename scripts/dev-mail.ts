/**
 * The development mail sink `npm start` runs when SMTP_URL is left at its default (smtp://127.0.0.1:1025) and nothing
 * else answers there: every e-mail the platform sends (application confirmations, status changes, double opt-in,
 * newsletters) is accepted and written as one `.eml` file under DEV_MAIL_DIR (default .infra/mail), so its links can
 * be followed by hand. The same SMTP server the tests use; no TLS, no authentication, 127.0.0.1 only.
 *
 * It listens where SMTP_URL points by default, 127.0.0.1:1025; DEV_MAIL_DIR moves the folder.
 */
import { join } from 'node:path';
import { SmtpSink } from '../apps/volunteers/src/notifications/testing/smtp-sink';

const ROOT = join(__dirname, '..', '..');

/** The port of the default SMTP_URL (libs/config). */
export const DEV_MAIL_PORT = 1025;

export function devMailSettings(env: NodeJS.ProcessEnv = process.env): { port: number; dir: string } {
  return { port: DEV_MAIL_PORT, dir: env.DEV_MAIL_DIR || join(ROOT, '.infra', 'mail') };
}

/** Starts the sink; `log` hears of each message (its subject and recipient count, never the addresses). */
export async function startDevMailSink(settings: { port: number; dir: string }, log: (line: string) => void): Promise<SmtpSink> {
  let received = 0;
  const sink = new SmtpSink({
    port: settings.port,
    dir: settings.dir,
    countOnly: true,
    beforeAccept: (message) => {
      received += 1;
      log(`mail ${received}: "${message.subject}" (${message.to.length} recipient(s))`);
    },
  });
  await sink.start();
  log(`mail sink listening on ${sink.url}; messages are written to ${settings.dir}`);
  return sink;
}

async function main(): Promise<void> {
  const sink = await startDevMailSink(devMailSettings(), (line) => console.log(`${new Date().toISOString()} ${line}`));
  const stop = () => void sink.stop().then(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

if (require.main === module) {
  main().catch((error: Error) => {
    console.error(`mail sink failed to start: ${error.message}`);
    process.exit(1);
  });
}
