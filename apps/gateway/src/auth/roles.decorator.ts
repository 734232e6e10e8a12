import type { StaffRole } from '@birgemiz/contracts';
import { applyDecorators, createParamDecorator, SetMetadata, UseGuards, type ExecutionContext } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { StaffAuthGuard } from './staff-auth.guard';
import type { StaffPrincipal } from './staff-principal';

export const ROLES_KEY = 'birgemiz:roles';

/** Staff-only route: a valid access token is required, and one of `roles` when given. */
export function StaffOnly(...roles: StaffRole[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    SetMetadata(ROLES_KEY, roles),
    UseGuards(StaffAuthGuard),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No or invalid access token.' }),
    ApiForbiddenResponse({ description: 'The token’s role may not use this route.' }),
  );
}

export const CurrentStaff = createParamDecorator((_data: unknown, context: ExecutionContext): StaffPrincipal => {
  return context.switchToHttp().getRequest<{ staff: StaffPrincipal }>().staff;
});
