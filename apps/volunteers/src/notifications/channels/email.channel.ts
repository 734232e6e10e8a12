import { dkimSigningOptions } from '@birgemiz/config';
import { maskEmailAddresses } from '@birgemiz/logging';
import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { VOLUNTEERS_CONFIG, type VolunteersConfig } from '../../config';

export interface OutgoingEmail {
  to: string;
  subject: string;
  html: string;
  text: string;
  /** Deterministic per job (`<jobId@domain>`): a receiver can recognise a repeated message. */
  messageId: string;
  headers?: Record<string, string>;
  language?: string;
}

type Config = Pick<
  VolunteersConfig,
  'SMTP_URL' | 'MAIL_FROM' | 'NOTIFICATION_CONCURRENCY' | 'DKIM_DOMAIN' | 'DKIM_SELECTOR' | 'DKIM_PRIVATE_KEY' | 'DKIM_PRIVATE_KEY_FILE'
>;

/**
 * E-mail over SMTP (nodemailer, pooled connections), configured by SMTP_URL and MAIL_FROM; DKIM-signed when DKIM_* is
 * set (nodemailer's default signed headers include List-Unsubscribe and List-Unsubscribe-Post, as RFC 8058 needs).
 */
@Injectable()
export class EmailChannel implements OnApplicationShutdown {
  private readonly transport: Transporter;
  readonly messageIdDomain: string;

  constructor(@Inject(VOLUNTEERS_CONFIG) private readonly config: Config) {
    const url = new URL(config.SMTP_URL);
    const dkim = dkimSigningOptions(config);
    const secure = url.protocol === 'smtps:';
    this.transport = createTransport({
      host: url.hostname,
      port: Number(url.port || (secure ? 465 : 587)),
      secure,
      auth: url.username ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } : undefined,
      pool: true,
      maxConnections: Math.min(Math.max(1, config.NOTIFICATION_CONCURRENCY), 20),
      maxMessages: 1_000,
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
      ...(dkim ? { dkim } : {}),
    });
    const address = /<([^>]+)>/.exec(config.MAIL_FROM)?.[1] ?? config.MAIL_FROM;
    this.messageIdDomain = address.split('@')[1] ?? 'birgemiz.kz';
  }

  /**
   * Resolves when the SMTP server accepted the message; rejects (the job retries) otherwise. The rejection's text has
   * its e-mail addresses masked: SMTP servers quote the recipient, and BullMQ keeps the text of failed jobs in Redis.
   */
  async send(email: OutgoingEmail): Promise<{ messageId: string; response: string }> {
    let info: { messageId: string; response?: unknown };
    try {
      info = await this.transport.sendMail({
        from: this.config.MAIL_FROM,
        to: email.to,
        subject: email.subject,
        html: email.html,
        text: email.text,
        messageId: email.messageId,
        headers: { ...(email.headers ?? {}), ...(email.language ? { 'Content-Language': email.language } : {}) },
      });
    } catch (error) {
      throw new SmtpSendError(maskEmailAddresses(error instanceof Error ? error.message : String(error)), (error as { responseCode?: number }).responseCode);
    }
    return { messageId: info.messageId, response: String(info.response ?? '') };
  }

  onApplicationShutdown(): void {
    this.transport.close();
  }
}

/** An SMTP failure without personal data in its text (the original error is not kept: its text quotes addresses). */
export class SmtpSendError extends Error {
  constructor(
    message: string,
    readonly responseCode?: number,
  ) {
    super(message);
    this.name = 'SmtpSendError';
  }
}
