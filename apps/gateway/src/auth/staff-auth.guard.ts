import type { StaffRole } from '@birgemiz/contracts';
import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ROLES_KEY } from './roles.decorator';
import type { StaffPrincipal } from './staff-principal';
import { StaffTokenVerifier } from './staff-token.verifier';

/** Verifies the access token itself (no call to a service) and checks the route's roles. */
@Injectable()
export class StaffAuthGuard implements CanActivate {
  constructor(
    private readonly verifier: StaffTokenVerifier,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest & { staff?: StaffPrincipal }>();
    const { expiresAt: _expiresAt, ...staff } = await this.verifier.verify(StaffTokenVerifier.bearer(request.headers.authorization));
    request.staff = staff;
    const roles = this.reflector.getAllAndOverride<StaffRole[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    StaffTokenVerifier.requireRole(staff, roles);
    return true;
  }
}
