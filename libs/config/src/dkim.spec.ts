import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dkimConfigCheck, dkimSigningOptions } from './dkim';
import { ConfigValidationError, loadConfig } from './load-config';
import { dkimConfig } from './schemas';

const pem = generateKeyPairSync('rsa', { modulusLength: 1024 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(dkimConfig, env, [dkimConfigCheck]);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigValidationError);
    return (error as ConfigValidationError).problems;
  }
  return [];
}

describe('DKIM configuration (all or none)', () => {
  it('is off when none of the variables is set', () => {
    expect(problemsOf({})).toEqual([]);
    expect(dkimSigningOptions(loadConfig(dkimConfig, {}))).toBeUndefined();
  });

  it('gives nodemailer its options from an inline key (with \\n written as two characters) or from a key file', () => {
    const inline = loadConfig(dkimConfig, { DKIM_DOMAIN: 'birgemiz.kz', DKIM_SELECTOR: 'mail2026', DKIM_PRIVATE_KEY: pem.replace(/\n/g, '\\n') }, [dkimConfigCheck]);
    expect(dkimSigningOptions(inline)).toEqual({ domainName: 'birgemiz.kz', keySelector: 'mail2026', privateKey: pem });
    const file = join(mkdtempSync(join(tmpdir(), 'dkim-')), 'key.pem');
    writeFileSync(file, pem);
    const fromFile = loadConfig(dkimConfig, { DKIM_DOMAIN: 'birgemiz.kz', DKIM_SELECTOR: 'mail2026', DKIM_PRIVATE_KEY_FILE: file }, [dkimConfigCheck]);
    expect(dkimSigningOptions(fromFile)?.privateKey).toBe(pem);
  });

  it('refuses a partial configuration, naming every missing variable', () => {
    expect(problemsOf({ DKIM_DOMAIN: 'birgemiz.kz' }).map((p) => p.split(':')[0]).sort()).toEqual(['DKIM_PRIVATE_KEY', 'DKIM_SELECTOR']);
    expect(problemsOf({ DKIM_SELECTOR: 's1', DKIM_PRIVATE_KEY: pem }).map((p) => p.split(':')[0])).toEqual(['DKIM_DOMAIN']);
    expect(problemsOf({ DKIM_DOMAIN: 'birgemiz.kz', DKIM_SELECTOR: 's1', DKIM_PRIVATE_KEY: pem, DKIM_PRIVATE_KEY_FILE: '/x' }).map((p) => p.split(':')[0])).toEqual([
      'DKIM_PRIVATE_KEY_FILE',
    ]);
  });

  it('refuses a key that is not an RSA PEM key, an unreadable key file and a bad domain, without showing the key', () => {
    const bad = problemsOf({ DKIM_DOMAIN: 'birgemiz.kz', DKIM_SELECTOR: 's1', DKIM_PRIVATE_KEY: 'not a key' });
    expect(bad).toEqual(['DKIM_PRIVATE_KEY: must be an RSA private key in PEM format']);
    expect(problemsOf({ DKIM_DOMAIN: 'birgemiz.kz', DKIM_SELECTOR: 's1', DKIM_PRIVATE_KEY_FILE: '/no/such/key.pem' })).toEqual(['DKIM_PRIVATE_KEY_FILE: cannot be read (ENOENT)']);
    expect(problemsOf({ DKIM_DOMAIN: 'not a domain', DKIM_SELECTOR: 's1', DKIM_PRIVATE_KEY: pem })[0]).toMatch(/^DKIM_DOMAIN: must be a domain name/);
  });
});
