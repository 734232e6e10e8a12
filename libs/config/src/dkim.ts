import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ConfigProblem } from './load-config';

/** The DKIM variables of `dkimConfig` after parsing. */
export interface DkimSettings {
  DKIM_DOMAIN?: string;
  DKIM_SELECTOR?: string;
  DKIM_PRIVATE_KEY?: string;
  DKIM_PRIVATE_KEY_FILE?: string;
}

/** What nodemailer's `dkim` transport option needs. */
export interface DkimSigningOptions {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

const TOGETHER = 'DKIM_DOMAIN, DKIM_SELECTOR and DKIM_PRIVATE_KEY (or DKIM_PRIVATE_KEY_FILE) are set together or not at all';

/** All or none: the problems of a partial or unusable DKIM configuration (an empty list when it is complete or absent). */
export function dkimConfigCheck(config: DkimSettings): ConfigProblem[] {
  const keySources = [config.DKIM_PRIVATE_KEY, config.DKIM_PRIVATE_KEY_FILE].filter((v) => v !== undefined).length;
  if (config.DKIM_DOMAIN === undefined && config.DKIM_SELECTOR === undefined && keySources === 0) return [];
  const problems: ConfigProblem[] = [];
  if (config.DKIM_DOMAIN === undefined) problems.push({ key: 'DKIM_DOMAIN', message: `Required: ${TOGETHER}` });
  if (config.DKIM_SELECTOR === undefined) problems.push({ key: 'DKIM_SELECTOR', message: `Required: ${TOGETHER}` });
  if (keySources === 0) problems.push({ key: 'DKIM_PRIVATE_KEY', message: `Required: ${TOGETHER}` });
  if (keySources === 2) problems.push({ key: 'DKIM_PRIVATE_KEY_FILE', message: 'set DKIM_PRIVATE_KEY or DKIM_PRIVATE_KEY_FILE, not both' });
  if (keySources === 1) {
    const key = config.DKIM_PRIVATE_KEY_FILE !== undefined ? 'DKIM_PRIVATE_KEY_FILE' : 'DKIM_PRIVATE_KEY';
    try {
      privateKeyOf(config);
    } catch (error) {
      problems.push({ key, message: (error as Error).message });
    }
  }
  return problems;
}

/** nodemailer's `dkim` option when DKIM signing is configured, `undefined` when it is not (reads the key file). */
export function dkimSigningOptions(config: DkimSettings): DkimSigningOptions | undefined {
  const problems = dkimConfigCheck(config);
  if (problems.length > 0) throw new Error(`DKIM configuration: ${problems.map((p) => `${p.key}: ${p.message}`).join('; ')}`);
  if (config.DKIM_DOMAIN === undefined || config.DKIM_SELECTOR === undefined) return undefined;
  return { domainName: config.DKIM_DOMAIN, keySelector: config.DKIM_SELECTOR, privateKey: privateKeyOf(config) };
}

function privateKeyOf(config: DkimSettings): string {
  let pem = config.DKIM_PRIVATE_KEY;
  if (pem === undefined) {
    try {
      pem = readFileSync(config.DKIM_PRIVATE_KEY_FILE!, 'utf8');
    } catch (error) {
      throw new Error(`cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  try {
    const key = createPrivateKey(pem);
    if (key.asymmetricKeyType !== 'rsa') throw new Error('not RSA');
  } catch {
    throw new Error('must be an RSA private key in PEM format');
  }
  return pem;
}
