import { DomainError } from '@birgemiz/errors';
import { randomUUID } from 'node:crypto';
import { SubscriptionTokens } from './subscription-tokens';

const tokens = new SubscriptionTokens({ JWT_SECRET: 'unit-test-secret-0123456789abcdef0123456789' });
const other = new SubscriptionTokens({ JWT_SECRET: 'another-secret-0123456789abcdef0123456789ab' });

function reasonOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DomainError);
    return (error as DomainError).issues[0]?.reason;
  }
  return undefined;
}

describe('SubscriptionTokens', () => {
  const id = randomUUID();
  const future = Math.floor(Date.now() / 1000) + 3600;

  it('round-trips purpose, subscription and generation', () => {
    const token = tokens.sign({ purpose: 'confirm', subscriptionId: id, generation: 3, expiresAt: future });
    expect(tokens.verify(token, 'confirm')).toEqual({ purpose: 'confirm', subscriptionId: id, generation: 3, expiresAt: future });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/);
  });

  it('refuses a token signed with another key, a changed payload, or another purpose', () => {
    const token = tokens.sign({ purpose: 'confirm', subscriptionId: id, generation: 1, expiresAt: future });
    expect(reasonOf(() => other.verify(token, 'confirm'))).toBe('invalid_token');
    const [payload, signature] = token.split('.');
    const forged = Buffer.from(Buffer.from(payload, 'base64url').toString().replace('.1.', '.2.')).toString('base64url');
    expect(reasonOf(() => tokens.verify(`${forged}.${signature}`, 'confirm'))).toBe('invalid_token');
    expect(reasonOf(() => tokens.verify(token, 'manage'))).toBe('invalid_token');
    expect(reasonOf(() => tokens.verify('garbage', 'confirm'))).toBe('invalid_token');
  });

  it('refuses an expired confirmation token; management tokens do not expire', () => {
    const expired = tokens.sign({ purpose: 'confirm', subscriptionId: id, generation: 1, expiresAt: Math.floor(Date.now() / 1000) - 1 });
    expect(reasonOf(() => tokens.verify(expired, 'confirm'))).toBe('token_expired');
    const manage = tokens.sign({ purpose: 'manage', subscriptionId: id, generation: 1, expiresAt: 0 });
    expect(tokens.verify(manage, 'manage', new Date('2100-01-01')).subscriptionId).toBe(id);
  });
});
