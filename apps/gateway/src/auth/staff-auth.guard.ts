import { JWT_AUDIENCE, JWT_ISSUER, STAFF_ROLES, type AccessTokenClaims, type StaffRole } from '@birgemiz/contracts';
import { DomainError, ErrorCode } from '@birgemiz/errors';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import type { FastifyRequest } from 'fastify';
import { ROLES_KEY } from './roles.decorator';
import type { StaffPrincipal } from './staff-principal';

/** Verifies the access token itself (no call to a service) and checks the route's roles. */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { staff?: StaffPrincipal }>();
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? /^Bearer ([A-Za-z0-9._-]{10,4096})$/.exec(header) : null;
    if (!match) throw new DomainError(ErrorCode.Unauthenticated, 'missing bearer token');
    let claims: AccessTokenClaims;
    try {
      claims = await this.jwt.verifyAsync<AccessTokenClaims>(match[1], {
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
    request.staff = { id: claims.sub, email: claims.email, name: claims.name, role: claims.role };
    const roles = this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (roles && roles.length > 0 && !roles.includes(claims.role)) {
      throw new DomainError(ErrorCode.Forbidden, `requires role ${roles.join(' or ')}`);
    }
    return true;
  }
}
