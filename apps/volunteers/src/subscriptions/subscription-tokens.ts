import { DomainError, ErrorCode } from '@birgemiz/errors';
import { Inject, Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { VOLUNTEERS_CONFIG, type VolunteersConfig } from '../config';

export type SubscriptionTokenPurpose = 'confirm' | 'manage';

export interface SubscriptionTokenClaims {
  purpose: SubscriptionTokenPurpose;
  subscriptionId: string;
  /** The subscription's generation when the link was made; a re-subscription starts a new one and old links die. */
  generation: number;
  /** Unix seconds; 0 = does not expire (management links). */
  expiresAt: number;
}

const PURPOSE_CODES: Record<SubscriptionTokenPurpose, string> = { confirm: 'c', manage: 'm' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Signed subscription links: `base64url(purpose.subscriptionId.generation.expiresAt)` + `.` + base64url(HMAC-SHA256)
 * with a key derived from JWT_SECRET. Nothing is stored per link; the generation ties a link to one subscription period.
 */
@Injectable()
export class SubscriptionTokens {
  private readonly key: Buffer;

  constructor(@Inject(VOLUNTEERS_CONFIG) config: Pick<VolunteersConfig, 'JWT_SECRET'>) {
    this.key = createHmac('sha256', config.JWT_SECRET).update('birgemiz:subscription-token:v1').digest();
  }

  sign(claims: SubscriptionTokenClaims): string {
    const payload = Buffer.from(`${PURPOSE_CODES[claims.purpose]}.${claims.subscriptionId}.${claims.generation}.${claims.expiresAt}`).toString('base64url');
    return `${payload}.${this.mac(payload)}`;
  }

  /** Verifies signature, purpose and expiry; throws VALIDATION_FAILED (invalid_token / token_expired) otherwise. */
  verify(token: string, purpose: SubscriptionTokenPurpose, now: Date = new Date()): SubscriptionTokenClaims {
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) throw invalidToken();
    const expected = Buffer.from(this.mac(payload));
    const given = Buffer.from(signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw invalidToken();
    const [code, subscriptionId, generation, expiresAt] = Buffer.from(payload, 'base64url').toString('utf8').split('.');
    if (code !== PURPOSE_CODES[purpose] || !UUID.test(subscriptionId ?? '') || !/^\d{1,9}$/.test(generation ?? '') || !/^\d{1,12}$/.test(expiresAt ?? '')) {
      throw invalidToken();
    }
    const claims = { purpose, subscriptionId, generation: Number(generation), expiresAt: Number(expiresAt) };
    if (claims.expiresAt !== 0 && claims.expiresAt * 1000 < now.getTime()) {
      throw new DomainError(ErrorCode.ValidationFailed, 'the link has expired', { issues: [{ path: 'body.token', reason: 'token_expired' }] });
    }
    return claims;
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key).update(payload).digest('base64url');
  }
}

export function invalidToken(): DomainError {
  return new DomainError(ErrorCode.ValidationFailed, 'invalid link', { issues: [{ path: 'body.token', reason: 'invalid_token' }] });
}
