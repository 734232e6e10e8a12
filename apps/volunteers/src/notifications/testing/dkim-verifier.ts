import { createHash, verify, type KeyObject } from 'node:crypto';

export interface DkimCheck {
  /** The signed header names (h=), lowercased, in order. */
  signedHeaders: string[];
  domain: string;
  selector: string;
  bodyHashMatches: boolean;
  signatureValid: boolean;
}

/**
 * Checks the DKIM-Signature of one raw message (as the SMTP server received it) against a public key, for tests:
 * relaxed/relaxed canonicalization and rsa-sha256 (RFC 6376 §3.4.2, §3.4.4, §3.7), what nodemailer signs with.
 */
export function checkDkimSignature(raw: string, publicKey: KeyObject): DkimCheck {
  const split = raw.indexOf('\r\n\r\n');
  const head = split < 0 ? raw : raw.slice(0, split);
  const body = split < 0 ? '' : raw.slice(split + 4);
  const fields: { name: string; line: string }[] = [];
  for (const line of head.split('\r\n')) {
    if (/^[ \t]/.test(line) && fields.length > 0) fields[fields.length - 1].line += `\r\n${line}`;
    else fields.push({ name: line.slice(0, line.indexOf(':')).trim().toLowerCase(), line });
  }
  const signature = fields.find((f) => f.name === 'dkim-signature');
  if (!signature) throw new Error('the message has no DKIM-Signature header');
  const value = signature.line.slice(signature.line.indexOf(':') + 1);
  const tags = new Map<string, string>();
  for (const part of value.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0) tags.set(part.slice(0, eq).trim(), part.slice(eq + 1).replace(/\s+/g, ''));
  }
  if (tags.get('a') !== 'rsa-sha256' || tags.get('c') !== 'relaxed/relaxed') throw new Error(`unexpected a=${tags.get('a')} c=${tags.get('c')}`);
  const signedHeaders = (tags.get('h') ?? '').split(':').map((h) => h.trim().toLowerCase()).filter(Boolean);

  // Each listed name takes the last not yet used instance of that field (RFC 6376 §5.4.2).
  const used = new Set<number>();
  const canonical: string[] = [];
  for (const name of signedHeaders) {
    for (let i = fields.length - 1; i >= 0; i--) {
      if (fields[i].name === name && !used.has(i)) {
        used.add(i);
        canonical.push(`${name}:${relaxedValue(fields[i].line)}\r\n`);
        break;
      }
    }
  }
  const unsigned = signature.line.replace(/(^|;)(\s*b=)[^;]*/, '$1$2');
  const data = `${canonical.join('')}dkim-signature:${relaxedValue(unsigned)}`;
  const signatureValid = verify('sha256', Buffer.from(data, 'utf8'), publicKey, Buffer.from(tags.get('b') ?? '', 'base64'));

  const lines = body.split('\r\n').map((l) => l.replace(/[ \t]+/g, ' ').replace(/ $/, ''));
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const canonicalBody = lines.length > 0 ? `${lines.join('\r\n')}\r\n` : '';
  const bodyHashMatches = createHash('sha256').update(canonicalBody, 'utf8').digest('base64') === tags.get('bh');
  return { signedHeaders, domain: tags.get('d') ?? '', selector: tags.get('s') ?? '', bodyHashMatches, signatureValid };
}

function relaxedValue(line: string): string {
  return line
    .slice(line.indexOf(':') + 1)
    .replace(/\r\n/g, '')
    .replace(/[ \t]+/g, ' ')
    .trim();
}
