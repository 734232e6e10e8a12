import { z } from 'zod';
import { REGION_CODES, type RegionCode } from '../../regions';
import { staffActorSchema } from '../auth';
import { plainText } from './form-fields';
import { KAZAKH_SCRIPTS, SKILL_CODES, type SpokenLanguage } from './profile-fields';

export const VOLUNTEER_STATUSES = ['active', 'inactive'] as const;
export type VolunteerStatus = (typeof VOLUNTEER_STATUSES)[number];

/** Query of GET /api/v1/staff/volunteers: "who reads Kazakh Latin and lives in Kokshetau?" */
export const volunteerListQuerySchema = z
  .object({
    status: z.enum(VOLUNTEER_STATUSES).optional(),
    region: z.enum(REGION_CODES).optional(),
    city: plainText(1, 80).optional(),
    language: z.string().regex(/^[a-z]{2,3}$/).optional(),
    script: z.enum(KAZAKH_SCRIPTS).optional(),
    skill: z.enum(SKILL_CODES).optional(),
    q: plainText(1, 100).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type VolunteerListQuery = z.infer<typeof volunteerListQuerySchema>;

export const volunteerListRequestSchema = z.object({ actor: staffActorSchema, query: volunteerListQuerySchema }).strict();
export type VolunteerListRequest = z.infer<typeof volunteerListRequestSchema>;

export const volunteerGetRequestSchema = z.object({ actor: staffActorSchema, id: z.string().uuid() }).strict();
export type VolunteerGetRequest = z.infer<typeof volunteerGetRequestSchema>;

export const volunteerUpdateBodySchema = z.object({ status: z.enum(VOLUNTEER_STATUSES) }).strict();
export type VolunteerUpdateBody = z.infer<typeof volunteerUpdateBodySchema>;
export const volunteerUpdateRequestSchema = z.object({ actor: staffActorSchema, id: z.string().uuid(), changes: volunteerUpdateBodySchema }).strict();
export type VolunteerUpdateRequest = z.infer<typeof volunteerUpdateRequestSchema>;

export interface VolunteerProfile {
  id: string;
  status: VolunteerStatus;
  fullName: string | null;
  email: string | null;
  phone: string | null;
  region: RegionCode;
  city: string | null;
  languages: SpokenLanguage[];
  skills: string[];
  createdAt: string;
  updatedAt: string;
  erased: boolean;
}

export interface VolunteerHistoryEntry {
  campaignId: string;
  title: string | null;
  campaignStatus: string;
  startsAt: string;
  signupStatus: 'confirmed' | 'waitlisted' | 'cancelled';
  attended: boolean | null;
  hours: number | null;
}

export interface VolunteerWithHistory extends VolunteerProfile {
  history: VolunteerHistoryEntry[];
  totalHours: number;
  campaignsAttended: number;
}
