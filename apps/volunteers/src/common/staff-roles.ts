import type { StaffActor, StaffRole } from '@birgemiz/contracts';
import { DomainError, ErrorCode } from '@birgemiz/errors';

/** Coordinators screen applications and manage volunteers and campaigns; admins may do everything. */
export const COORDINATING_ROLES: readonly StaffRole[] = ['coordinator', 'admin'];

/** Defence in depth: the gateway checks roles too, the service does not rely on it. */
export function requireRole(actor: StaffActor, roles: readonly StaffRole[] = COORDINATING_ROLES): void {
  if (!roles.includes(actor.role)) throw new DomainError(ErrorCode.Forbidden, `requires role ${roles.join(' or ')}`);
}
