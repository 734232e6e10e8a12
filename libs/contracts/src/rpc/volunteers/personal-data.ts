import type { ApplicationAuditEntry, ApplicationDetail } from './applications';
import type { SignupView } from './campaigns';
import type { VolunteerProfile } from './volunteers';

/** Everything the volunteers service stores about one person (export through their status link). */
export interface PersonalDataExport {
  exportedAt: string;
  applications: Omit<ApplicationDetail, 'audit'>[];
  volunteer: VolunteerProfile | null;
  signups: SignupView[];
  history: ApplicationAuditEntry[];
}

export interface ErasureReceipt {
  erasedAt: string;
  applications: number;
  volunteerProfiles: number;
  cancelledSignups: number;
  /** Newsletter subscriptions of the same address that were removed. */
  subscriptions: number;
}
