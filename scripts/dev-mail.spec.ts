import { notificationsConfig } from '@birgemiz/config';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTransport } from 'nodemailer';
import { DEV_MAIL_PORT, devMailSettings, startDevMailSink } from './dev-mail';

describe('development mail sink', () => {
  it('listens on the port of the default SMTP_URL and writes to .infra/mail unless DEV_MAIL_DIR says otherwise', () => {
    expect(Number(new URL(notificationsConfig.SMTP_URL.parse(undefined)).port)).toBe(DEV_MAIL_PORT);
    const defaults = devMailSettings({});
    expect(defaults.port).toBe(1025);
    expect(defaults.dir.endsWith(join('.infra', 'mail'))).toBe(true);
    expect(devMailSettings({ DEV_MAIL_DIR: '/tmp/m' })).toEqual({ port: 1025, dir: '/tmp/m' });
    expect(devMailSettings({ DEV_MAIL_DIR: '' }).dir).toBe(defaults.dir);
  });

  it('writes each message it accepts as an .eml file and logs its subject without the recipient', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dev-mail-'));
    const lines: string[] = [];
    // Port 0: any free port, so the test does not need 1025.
    const sink = await startDevMailSink({ port: 0, dir }, (line) => lines.push(line));
    try {
      const transport = createTransport(sink.url);
      await transport.sendMail({ from: 'noreply@birgemiz.kz', to: 'aigerim@example.kz', subject: 'Рахмет! Өтінішіңіз жіберілді (BV-2026-000001)', text: 'сілтеме: https://birgemiz.kz/s/abc' });
      transport.close();
      const files = readdirSync(dir);
      expect(files).toHaveLength(1);
      expect(files[0]).toMatch(/\.eml$/);
      const raw = readFileSync(join(dir, files[0]), 'utf8');
      expect(raw).toContain('aigerim@example.kz');
      expect(lines.some((l) => l.includes('mail 1: "Рахмет! Өтінішіңіз жіберілді (BV-2026-000001)" (1 recipient(s))'))).toBe(true);
      expect(lines.join('\n')).not.toContain('aigerim@example.kz');
    } finally {
      await sink.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
