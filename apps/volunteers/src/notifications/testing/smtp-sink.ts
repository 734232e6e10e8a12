import { mkdirSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/** One message as a test reads it: headers, decoded subject and parts. */
export interface SinkMessage {
  to: string[];
  messageId: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  raw: string;
}

export interface SmtpSinkOptions {
  port?: number;
  /** Also write every accepted message as `<n>.eml` here (the e2e tier reads them from its test files). */
  dir?: string;
  /** Called before a message is accepted; a promise delays the answer (a slow server, or one that never answers). */
  beforeAccept?: (message: SinkMessage) => Promise<void> | void;
  /** Keep only counts, not messages (benchmarks). */
  countOnly?: boolean;
}

/**
 * A real SMTP server (the `smtp-server` package) for tests and benchmarks: accepts every message on 127.0.0.1
 * without TLS or authentication, and keeps what it received.
 */
export class SmtpSink {
  readonly messages: SinkMessage[] = [];
  accepted = 0;
  private server: SMTPServer | undefined;
  private port = 0;

  constructor(private readonly options: SmtpSinkOptions = {}) {}

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    if (this.options.dir) mkdirSync(this.options.dir, { recursive: true });
    this.server = new SMTPServer({
      secure: false,
      authOptional: true,
      hideSTARTTLS: true,
      disableReverseLookup: true,
      logger: false,
      size: 10 * 1024 * 1024,
      onData: (stream, session, callback) => this.onData(stream, session, callback),
    });
    this.server.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.options.port ?? this.port ?? 0, '127.0.0.1', () => resolve());
    });
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  /** Lets the process exit while the sink still listens (a sink that lives as long as a test run's setup). */
  unref(): void {
    this.server?.server.unref();
  }

  /** Stops listening and drops open connections (a server going down). */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    for (const connection of (server as unknown as { connections: Set<{ close: () => void }> }).connections ?? []) connection.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Starts again on the same port (after stop()). */
  async restart(): Promise<void> {
    this.options.port = this.port;
    await this.start();
  }

  to(address: string): SinkMessage[] {
    return this.messages.filter((m) => m.to.includes(address.toLowerCase()));
  }

  private onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void): void {
    if (this.options.countOnly && !this.options.beforeAccept && !this.options.dir) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        this.accepted += 1;
        callback(null);
      });
      return;
    }
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const message = parseMessage(raw, session.envelope.rcptTo.map((r) => r.address.toLowerCase()));
      void Promise.resolve(this.options.beforeAccept?.(message))
        .then(() => {
          this.accepted += 1;
          if (!this.options.countOnly) this.messages.push(message);
          if (this.options.dir) writeFileSync(join(this.options.dir, `${Date.now()}-${this.accepted}-${process.pid}.eml`), raw);
          callback(null);
        })
        .catch((error: Error) => callback(error));
    });
  }
}

/** A small MIME reader for what nodemailer writes: headers, encoded-word subjects, text and HTML parts (QP or base64). */
export function parseMessage(raw: string, to: string[] = []): SinkMessage {
  const [head] = splitHeadBody(raw);
  const headers = parseHeaders(head);
  const parts: { type: string; body: string }[] = [];
  collectParts(raw, parts);
  return {
    to,
    messageId: headers['message-id'] ?? '',
    subject: decodeWords(headers.subject ?? ''),
    text: parts.find((p) => p.type.startsWith('text/plain'))?.body ?? '',
    html: parts.find((p) => p.type.startsWith('text/html'))?.body ?? '',
    headers,
    raw,
  };
}

function splitHeadBody(entity: string): [string, string] {
  const at = entity.search(/\r?\n\r?\n/);
  if (at < 0) return [entity, ''];
  const sep = entity.slice(at).match(/^\r?\n\r?\n/)![0];
  return [entity.slice(0, at), entity.slice(at + sep.length)];
}

function parseHeaders(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

function collectParts(entity: string, out: { type: string; body: string }[]): void {
  const [head, body] = splitHeadBody(entity);
  const headers = parseHeaders(head);
  const type = (headers['content-type'] ?? 'text/plain').toLowerCase();
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  if (type.startsWith('multipart/') && boundary) {
    for (const part of body.split(`--${boundary}`).slice(1)) {
      if (part.startsWith('--')) break;
      collectParts(part.replace(/^\r?\n/, ''), out);
    }
    return;
  }
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase();
  out.push({ type, body: decodeBody(body, encoding) });
}

function decodeBody(body: string, encoding: string): string {
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (encoding === 'quoted-printable') {
    const soft = body.replace(/=\r?\n/g, '');
    const bytes: number[] = [];
    for (let i = 0; i < soft.length; i++) {
      if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
        bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
        i += 2;
      } else {
        bytes.push(...Buffer.from(soft[i], 'utf8'));
      }
    }
    return Buffer.from(bytes).toString('utf8');
  }
  return body;
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_m, _charset: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B' ? Buffer.from(text, 'base64').toString('utf8') : decodeBody(text.replace(/_/g, ' '), 'quoted-printable'),
    );
}
