import type { StaffRole } from '@birgemiz/contracts';

/** The staff member a verified access token speaks for. */
export interface StaffPrincipal {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
}
