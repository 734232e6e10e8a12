import { z } from 'zod';
import { CONTENT_LOCALES, type ContentLocale } from '../../locales';
import { REGION_CODES, type RegionCode } from '../../regions';
import { staffActorSchema } from '../auth';
import { plainText, statusTokenSchema } from './form-fields';

export const CAMPAIGN_STATUSES = ['draft', 'open', 'closed', 'finished'] as const;
export type CampaignStatus = (typeof CAMPAIGN_STATUSES)[number];

export const campaignTranslationSchema = z.object({ title: plainText(3, 200), description: plainText(10, 10_000) }).strict();
export type CampaignTranslation = z.infer<typeof campaignTranslationSchema>;

/** Translations by content locale; at least one. */
export const campaignTranslationsSchema = z
  .object(Object.fromEntries(CONTENT_LOCALES.map((l) => [l, campaignTranslationSchema.optional()])) as Record<ContentLocale, z.ZodOptional<typeof campaignTranslationSchema>>)
  .strict()
  .refine((t) => Object.values(t).some(Boolean), { message: 'at least one translation', params: { reason: 'required' } });
export type CampaignTranslations = Partial<Record<ContentLocale, CampaignTranslation>>;

const dateTime = z.string().datetime({ offset: true });

const campaignFields = {
  translations: campaignTranslationsSchema,
  region: z.enum(REGION_CODES),
  place: plainText(2, 300),
  startsAt: dateTime,
  endsAt: dateTime,
  capacity: z.number().int().min(1).max(100_000),
};

/** Body of POST /api/v1/staff/campaigns (a draft). */
export const campaignCreateBodySchema = z
  .object(campaignFields)
  .strict()
  .refine((c) => new Date(c.endsAt) > new Date(c.startsAt), { path: ['endsAt'], message: 'must be after startsAt', params: { reason: 'ends_before_start' } });
export type CampaignCreateBody = z.infer<typeof campaignCreateBodySchema>;

/** Body of PATCH /api/v1/staff/campaigns/:id: any subset of the fields. */
export const campaignUpdateBodySchema = z
  .object(campaignFields)
  .partial()
  .strict()
  .refine((c) => Object.keys(c).length > 0, { message: 'nothing to change', params: { reason: 'required' } });
export type CampaignUpdateBody = z.infer<typeof campaignUpdateBodySchema>;

export const campaignCreateRequestSchema = z.object({ actor: staffActorSchema, campaign: campaignCreateBodySchema }).strict();
export type CampaignCreateRequest = z.infer<typeof campaignCreateRequestSchema>;
export const campaignUpdateRequestSchema = z.object({ actor: staffActorSchema, id: z.string().uuid(), changes: campaignUpdateBodySchema }).strict();
export type CampaignUpdateRequest = z.infer<typeof campaignUpdateRequestSchema>;

export const CAMPAIGN_ACTIONS = ['open', 'close', 'finish'] as const;
export type CampaignAction = (typeof CAMPAIGN_ACTIONS)[number];
export const campaignTransitionRequestSchema = z.object({ actor: staffActorSchema, id: z.string().uuid(), action: z.enum(CAMPAIGN_ACTIONS) }).strict();
export type CampaignTransitionRequest = z.infer<typeof campaignTransitionRequestSchema>;

/** Query of the public and staff campaign lists. */
export const campaignListQuerySchema = z
  .object({
    locale: z.enum(CONTENT_LOCALES).default('kk-Cyrl'),
    region: z.enum(REGION_CODES).optional(),
    status: z.enum(CAMPAIGN_STATUSES).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type CampaignListQuery = z.infer<typeof campaignListQuerySchema>;

export const campaignLocaleQuerySchema = z.object({ locale: z.enum(CONTENT_LOCALES).default('kk-Cyrl') }).strict();
export type CampaignLocaleQuery = z.infer<typeof campaignLocaleQuerySchema>;

/** Anonymous reads: open campaigns only (`actor` absent); staff reads see every status. */
export const campaignListRequestSchema = z.object({ actor: staffActorSchema.optional(), query: campaignListQuerySchema }).strict();
export type CampaignListRequest = z.infer<typeof campaignListRequestSchema>;
export const campaignGetRequestSchema = z
  .object({ actor: staffActorSchema.optional(), id: z.string().uuid(), locale: z.enum(CONTENT_LOCALES).default('kk-Cyrl') })
  .strict();
export type CampaignGetRequest = z.infer<typeof campaignGetRequestSchema>;

export interface CampaignView {
  id: string;
  status: CampaignStatus;
  region: RegionCode;
  place: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  confirmedCount: number;
  waitlistCount: number;
  spotsLeft: number;
  /** The locale the text is in, which locale was asked for, which exist, and whether it was transliterated. */
  locale: ContentLocale;
  requestedLocale: ContentLocale;
  availableLocales: ContentLocale[];
  transliteratedFrom: ContentLocale | null;
  title: string;
  description: string;
  version: number;
}

/** Staff view: the stored translations too. */
export interface CampaignStaffView extends CampaignView {
  translations: CampaignTranslations;
  createdAt: string;
  updatedAt: string;
}

// ---- sign-ups --------------------------------------------------------------------------------------------------

export const SIGNUP_STATUSES = ['confirmed', 'waitlisted', 'cancelled'] as const;
export type SignupStatus = (typeof SIGNUP_STATUSES)[number];

/** Body of POST /api/v1/applications/status/:token/signups. */
export const selfSignupBodySchema = z.object({ campaignId: z.string().uuid() }).strict();
export type SelfSignupBody = z.infer<typeof selfSignupBodySchema>;
export const selfSignupRequestSchema = z.object({ token: statusTokenSchema, campaignId: z.string().uuid() }).strict();
export type SelfSignupRequest = z.infer<typeof selfSignupRequestSchema>;

/** Body of POST /api/v1/staff/campaigns/:id/signups (assignment by a coordinator). */
export const assignBodySchema = z.object({ volunteerId: z.string().uuid() }).strict();
export type AssignBody = z.infer<typeof assignBodySchema>;
export const staffSignupRequestSchema = z.object({ actor: staffActorSchema, campaignId: z.string().uuid(), volunteerId: z.string().uuid() }).strict();
export type StaffSignupRequest = z.infer<typeof staffSignupRequestSchema>;
export const signupListRequestSchema = z.object({ actor: staffActorSchema, campaignId: z.string().uuid() }).strict();
export type SignupListRequest = z.infer<typeof signupListRequestSchema>;

export interface SignupView {
  campaignId: string;
  volunteerId: string;
  status: SignupStatus;
  source: 'self' | 'assigned';
  /** 1-based place on the waitlist; null unless waitlisted. */
  waitlistPosition: number | null;
  attended: boolean | null;
  hours: number | null;
}

/** Body of PUT /api/v1/staff/campaigns/:id/attendance (after the campaign finished). */
export const attendanceBodySchema = z
  .object({
    records: z
      .array(z.object({ volunteerId: z.string().uuid(), attended: z.boolean(), hours: z.number().min(0).max(1000).multipleOf(0.25) }).strict())
      .min(1)
      .max(10_000)
      .refine((r) => new Set(r.map((x) => x.volunteerId)).size === r.length, { message: 'each volunteer once', params: { reason: 'duplicate' } }),
  })
  .strict()
  .refine((b) => b.records.every((r) => r.attended || r.hours === 0), { message: 'hours must be 0 when not attended', params: { reason: 'hours_without_attendance' } });
export type AttendanceBody = z.infer<typeof attendanceBodySchema>;
export const attendanceRequestSchema = z.object({ actor: staffActorSchema, campaignId: z.string().uuid(), attendance: attendanceBodySchema }).strict();
export type AttendanceRequest = z.infer<typeof attendanceRequestSchema>;
