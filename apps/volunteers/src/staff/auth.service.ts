import {
  JWT_AUDIENCE,
  JWT_ISSUER,
  type AccessTokenClaims,
  type LoginRequest,
  type StaffIdentity,
  type TokenPair,
} from '@birgemiz/contracts';
import { DomainError, ErrorCode } from '@birgemiz/errors';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { VOLUNTEERS_CONFIG, type VolunteersConfig } from '../config';
import type { StaffAccountEntity } from './entities/staff-account.entity';
import { PasswordHasher } from './password-hasher';
import { RefreshTokensRepository } from './refresh-tokens.repository';
import { StaffAccountsRepository } from './staff-accounts.repository';

export function toStaffIdentity(account: StaffAccountEntity): StaffIdentity {
  return { id: account.id, email: account.email, displayName: account.displayName, role: account.role };
}

/** Staff sign-in: password check with lock-out, short-lived access JWTs, rotating refresh tokens. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly accounts: StaffAccountsRepository,
    private readonly refreshTokens: RefreshTokensRepository,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    @Inject(VOLUNTEERS_CONFIG) private readonly config: VolunteersConfig,
  ) {}

  async login(request: LoginRequest): Promise<TokenPair> {
    const account = await this.accounts.findByEmail(request.email);
    if (!account || !account.active) {
      await this.hasher.verifyAgainstDummy(request.password);
      throw new DomainError(ErrorCode.InvalidCredentials, 'wrong e-mail or password');
    }
    this.assertNotLocked(account.lockedUntil);
    if (!(await this.hasher.verify(account.passwordHash, request.password))) {
      const lockedUntil = await this.accounts.registerFailedLogin(
        account.id,
        this.config.LOGIN_MAX_FAILURES,
        this.config.LOGIN_LOCK_SECONDS,
      );
      this.logger.warn({ msg: 'failed staff login', staffId: account.id, locked: lockedUntil !== null });
      this.assertNotLocked(lockedUntil);
      throw new DomainError(ErrorCode.InvalidCredentials, 'wrong e-mail or password');
    }
    await this.accounts.registerSuccessfulLogin(account.id);
    this.logger.log({ msg: 'staff signed in', staffId: account.id });
    return this.issueTokens(account);
  }

  /** Exchanges a refresh token for a new pair; the old token is revoked. Reuse of a revoked token revokes all. */
  async refresh(refreshToken: string): Promise<TokenPair> {
    const { id, secret } = parseRefreshToken(refreshToken);
    const stored = await this.refreshTokens.findById(id);
    if (!stored || !secretMatches(stored.secretHash, secret)) {
      throw new DomainError(ErrorCode.Unauthenticated, 'unknown refresh token');
    }
    if (stored.revokedAt) {
      await this.refreshTokens.revokeAllOf(stored.staffId);
      this.logger.warn({ msg: 'revoked refresh token reused; all sessions of the account revoked', staffId: stored.staffId });
      throw new DomainError(ErrorCode.Unauthenticated, 'refresh token was already used');
    }
    if (stored.expiresAt.getTime() <= Date.now()) {
      throw new DomainError(ErrorCode.Unauthenticated, 'refresh token expired');
    }
    const account = await this.accounts.findById(stored.staffId);
    if (!account || !account.active) throw new DomainError(ErrorCode.Unauthenticated, 'account is not active');
    this.assertNotLocked(account.lockedUntil);
    const nextId = randomUUID();
    if (!(await this.refreshTokens.revoke(stored.id, nextId))) {
      await this.refreshTokens.revokeAllOf(stored.staffId);
      throw new DomainError(ErrorCode.Unauthenticated, 'refresh token was already used');
    }
    return this.issueTokens(account, nextId);
  }

  async logout(refreshToken: string): Promise<{ revoked: boolean }> {
    const { id, secret } = parseRefreshToken(refreshToken);
    const stored = await this.refreshTokens.findById(id);
    if (!stored || !secretMatches(stored.secretHash, secret)) return { revoked: false };
    return { revoked: await this.refreshTokens.revoke(stored.id, null) };
  }

  private assertNotLocked(lockedUntil: Date | null): void {
    if (lockedUntil && lockedUntil.getTime() > Date.now()) {
      throw new DomainError(ErrorCode.AccountLocked, 'account is locked', {
        retryAfterSeconds: Math.ceil((lockedUntil.getTime() - Date.now()) / 1000),
      });
    }
  }

  private async issueTokens(account: StaffAccountEntity, refreshId: string = randomUUID()): Promise<TokenPair> {
    const claims: AccessTokenClaims = {
      sub: account.id,
      email: account.email,
      role: account.role,
      name: account.displayName,
      typ: 'access',
    };
    const accessToken = await this.jwt.signAsync(claims, {
      algorithm: 'HS256',
      expiresIn: this.config.JWT_ACCESS_TTL_SECONDS,
      issuer: JWT_ISSUER,
      audience: JWT_AUDIENCE,
    });
    const secret = randomBytes(32).toString('base64url');
    await this.refreshTokens.insert({
      id: refreshId,
      staffId: account.id,
      secretHash: hashSecret(secret),
      expiresAt: new Date(Date.now() + this.config.JWT_REFRESH_TTL_SECONDS * 1000),
    });
    return {
      accessToken,
      tokenType: 'Bearer',
      expiresIn: this.config.JWT_ACCESS_TTL_SECONDS,
      refreshToken: `${refreshId}.${secret}`,
      refreshExpiresIn: this.config.JWT_REFRESH_TTL_SECONDS,
      staff: toStaffIdentity(account),
    };
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function parseRefreshToken(token: string): { id: string; secret: string } {
  const [id, secret, ...rest] = token.split('.');
  if (!id || !secret || rest.length > 0 || !UUID.test(id)) {
    throw new DomainError(ErrorCode.Unauthenticated, 'malformed refresh token');
  }
  return { id, secret };
}

function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

function secretMatches(storedHash: string, secret: string): boolean {
  const a = Buffer.from(storedHash, 'hex');
  const b = Buffer.from(hashSecret(secret), 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}
