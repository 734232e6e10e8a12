import { JWT_AUDIENCE, JWT_ISSUER, STAFF_ROLES, type AccessTokenClaims, type StaffRole } from '@birgemiz/contracts';
import { DomainError, ErrorCode } from '@birgemiz/errors';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { StaffPrincipal } from './staff-principal';

const BEARER = /^Bearer ([A-Za-z0-9._-]{10,4096})$/;
const TOKEN = /^[A-Za-z0-9._-]{10,4096}$/;

/** Verifies staff access tokens (JWT, HS256) locally, without a call to a service; used by the guard and the dashboard. */
@Injectable()
export class StaffTokenVerifier {
  constructor(private readonly jwt: JwtService) {}

  /** The token of an `Authorization: Bearer …` header, or undefined when the header is absent or malformed. */
  static bearer(header: unknown): string | undefined {
    const match = typeof header === 'string' ? BEARER.exec(header) : null;
    return match ? match[1] : undefined;
  }

  /** The staff member the token speaks for; `Unauthenticated` for a missing, forged, expired or non-access token. */
  async verify(token: string | undefined): Promise<StaffPrincipal & { expiresAt: number }> {
    if (!token || !TOKEN.test(token)) throw new DomainError(ErrorCode.Unauthenticated, 'missing bearer token');
    let claims: AccessTokenClaims & { exp?: number };
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims & { exp?: number }>(token, {
        algorithms: ['HS256'],
        issuer: JWT_ISSUER,
        audience: JWT_AUDIENCE,
      });
    } catch {
      throw new DomainError(ErrorCode.Unauthenticated, 'invalid or expired token');
    }
    if (claims.typ !== 'access' || !(STAFF_ROLES as readonly string[]).includes(claims.role)) {
      throw new DomainError(ErrorCode.Unauthenticated, 'not an access token');
    }
    return { id: claims.sub, email: claims.email, name: claims.name, role: claims.role, expiresAt: claims.exp ?? 0 };
  }

  /** `Forbidden` unless the principal has one of the roles (no roles: any staff member). */
  static requireRole(principal: StaffPrincipal, roles: readonly StaffRole[] | undefined): void {
    if (roles && roles.length > 0 && !roles.includes(principal.role)) {
      throw new DomainError(ErrorCode.Forbidden, `requires role ${roles.join(' or ')}`);
    }
  }
}
