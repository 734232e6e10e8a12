import { Inject, Injectable } from '@nestjs/common';
import { createHash, createHmac, randomBytes } from 'node:crypto';
import { VOLUNTEERS_CONFIG, type VolunteersConfig } from '../config';

/**
 * Applicant status links. The token is an HMAC (key derived from JWT_SECRET) of the application id and a random
 * 32-byte nonce: unguessable, recomputable for a retried submission, and the database stores only the nonce and a
 * SHA-256 of the token — a database dump alone opens no link.
 */
@Injectable()
export class StatusTokens {
  private readonly key: Buffer;

  constructor(@Inject(VOLUNTEERS_CONFIG) config: Pick<VolunteersConfig, 'JWT_SECRET'>) {
    this.key = createHmac('sha256', config.JWT_SECRET).update('birgemiz:application-status-token:v1').digest();
  }

  newNonce(): string {
    return randomBytes(32).toString('base64url');
  }

  tokenFor(applicationId: string, nonce: string): string {
    return createHmac('sha256', this.key).update(`${applicationId}.${nonce}`).digest('base64url');
  }

  hash(token: string): string {
    return createHash('sha256').update(token).digest('hex');
  }
}

/** Human-friendly, non-secret reference number: BV-2026-000123. */
export function referenceNumber(sequence: number, at: Date = new Date()): string {
  return `BV-${at.getUTCFullYear()}-${String(sequence).padStart(6, '0')}`;
}
