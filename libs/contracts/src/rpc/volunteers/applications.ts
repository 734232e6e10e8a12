import { z } from 'zod';
import { CONTENT_LOCALES, type ContentLocale, type MessageLanguage } from '../../locales';
import { REGION_CODES, type RegionCode } from '../../regions';
import { emailSchema, staffActorSchema } from '../auth';
import { birthDateSchema, idempotencyKeySchema, isoDateSchema, kazakhstanPhoneSchema, plainText, statusTokenSchema, ageOn, ADULT_AGE } from './form-fields';
import { availabilitySchema, KAZAKH_SCRIPTS, languagesSchema, SKILL_CODES, skillsSchema, type Availability, type SpokenLanguage } from './profile-fields';

/** Versions of the personal-data processing consent text; the newest is what the form shows. */
export const PERSONAL_DATA_CONSENT_VERSIONS = ['2026-01'] as const;
export const CURRENT_CONSENT_VERSION = PERSONAL_DATA_CONSENT_VERSIONS[PERSONAL_DATA_CONSENT_VERSIONS.length - 1];

export const APPLICATION_STATUSES = ['submitted', 'screening', 'approved', 'rejected', 'withdrawn'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];

/** Answer text of a received application, in the API's languages. */
export const APPLICATION_RECEIVED_MESSAGE: Record<MessageLanguage, string> = {
  kk: 'Рахмет! Өтінішіңіз жіберілді.',
  ru: 'Спасибо! Ваша заявка отправлена.',
  en: 'Thank you! Your application has been sent.',
};

const consentSchema = z
  .object({
    accepted: z.boolean().refine((v) => v, { message: 'consent to personal-data processing is required', params: { reason: 'consent_required' } }),
    version: z.enum(PERSONAL_DATA_CONSENT_VERSIONS),
  })
  .strict();

const guardianSchema = z
  .object({
    fullName: plainText(2, 120),
    phone: kazakhstanPhoneSchema,
    consented: z.boolean().refine((v) => v, { message: 'the guardian must consent', params: { reason: 'consent_required' } }),
  })
  .strict();

/** Body of POST /api/v1/applications — the public "Become a volunteer" form. */
export const applicationFormSchema = z
  .object({
    fullName: plainText(2, 120),
    email: emailSchema,
    phone: kazakhstanPhoneSchema,
    birthDate: birthDateSchema,
    /** Required when the applicant is under 18. */
    guardian: guardianSchema.optional(),
    region: z.enum(REGION_CODES),
    city: plainText(2, 80),
    languages: languagesSchema,
    skills: skillsSchema,
    availability: availabilitySchema,
    motivation: plainText(20, 4000),
    campaignId: z.string().uuid().nullish(),
    /** Language and script of the e-mails the applicant gets; when absent, derived from `languages` (applicationLocale). */
    locale: z.enum(CONTENT_LOCALES).optional(),
    consent: consentSchema,
    /** Alternative to the Idempotency-Key header: a submission id the client generates once per form. */
    submissionId: idempotencyKeySchema.optional(),
    /** Honeypot: hidden from people, filled in by bots. Must stay empty. */
    website: z.string().max(500).optional(),
  })
  .strict()
  .superRefine((form, ctx) => {
    if (typeof form.birthDate === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(form.birthDate) && ageOn(form.birthDate) < ADULT_AGE && !form.guardian) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['guardian'], message: 'applicants under 18 need a guardian’s consent', params: { reason: 'guardian_consent_required' } });
    }
  });

export type ApplicationForm = z.infer<typeof applicationFormSchema>;

/**
 * The locale of an applicant's e-mails: the form's `locale`, else Kazakh when they speak it (Latin script only when
 * they read Latin and not Cyrillic), else Russian, else English.
 */
export function applicationLocale(form: { locale?: ContentLocale | null; languages: readonly SpokenLanguage[] }): ContentLocale {
  if (form.locale) return form.locale;
  const kazakh = form.languages.find((l) => l.code === 'kk');
  if (kazakh) return kazakh.scripts.includes('latn') && !kazakh.scripts.includes('cyrl') ? 'kk-Latn' : 'kk-Cyrl';
  if (form.languages.some((l) => l.code === 'ru')) return 'ru';
  return 'en';
}

export const applicationSubmitRequestSchema = z
  .object({
    form: applicationFormSchema,
    idempotencyKey: idempotencyKeySchema.optional(),
  })
  .strict();
export type ApplicationSubmitRequest = z.infer<typeof applicationSubmitRequestSchema>;

/** Answer of a submission (the same answer again for a retried submission). */
export interface ApplicationReceipt {
  applicationId: string;
  referenceNumber: string;
  status: ApplicationStatus;
  submittedAt: string;
  /** Secret of the applicant's status link; shown once per submission, stored only hashed. */
  statusToken: string;
  statusPath: string;
  /** Set by the gateway in the caller's language. */
  message?: string;
}

export const applicationTokenRequestSchema = z.object({ token: statusTokenSchema }).strict();
export type ApplicationTokenRequest = z.infer<typeof applicationTokenRequestSchema>;

export const withdrawBodySchema = z.object({ reason: plainText(1, 1000).optional() }).strict();
export type WithdrawBody = z.infer<typeof withdrawBodySchema>;
export const applicationWithdrawRequestSchema = withdrawBodySchema.extend({ token: statusTokenSchema }).strict();
export type ApplicationWithdrawRequest = z.infer<typeof applicationWithdrawRequestSchema>;

/** What the applicant sees through the status link (no personal data: the link may be forwarded). */
export interface ApplicationStatusView {
  referenceNumber: string;
  status: ApplicationStatus;
  submittedAt: string;
  updatedAt: string;
  campaignId: string | null;
  canWithdraw: boolean;
  /** True once approved: the link then also signs up for campaigns. */
  isVolunteer: boolean;
}

// ---- staff: screening ---------------------------------------------------------------------------------------

const commaList = <T extends z.ZodTypeAny>(item: T) =>
  z.preprocess((v) => (typeof v === 'string' ? v.split(',').filter(Boolean) : v), z.array(item).max(20));

/** Query of GET /api/v1/staff/applications. */
export const applicationListQuerySchema = z
  .object({
    status: commaList(z.enum(APPLICATION_STATUSES)).optional(),
    region: z.enum(REGION_CODES).optional(),
    language: z.string().regex(/^[a-z]{2,3}$/).optional(),
    script: z.enum(KAZAKH_SCRIPTS).optional(),
    skill: z.enum(SKILL_CODES).optional(),
    campaignId: z.string().uuid().optional(),
    submittedFrom: isoDateSchema.optional(),
    submittedTo: isoDateSchema.optional(),
    /** Reference number, or part of the applicant's name or e-mail. */
    q: plainText(1, 100).optional(),
    page: z.coerce.number().int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict();
export type ApplicationListQuery = z.infer<typeof applicationListQuerySchema>;

export const applicationListRequestSchema = z.object({ actor: staffActorSchema, query: applicationListQuerySchema }).strict();
export type ApplicationListRequest = z.infer<typeof applicationListRequestSchema>;

export const applicationGetRequestSchema = z.object({ actor: staffActorSchema, id: z.string().uuid() }).strict();
export type ApplicationGetRequest = z.infer<typeof applicationGetRequestSchema>;

export const SCREENING_ACTIONS = ['start_screening', 'approve', 'reject'] as const;
export type ScreeningAction = (typeof SCREENING_ACTIONS)[number];

/** Body of POST /api/v1/staff/applications/:id/{screening,approve,reject}. */
export const screeningBodySchema = z.object({ reason: plainText(3, 2000).optional() }).strict();
export type ScreeningBody = z.infer<typeof screeningBodySchema>;

export const applicationScreenRequestSchema = z
  .object({ actor: staffActorSchema, id: z.string().uuid(), action: z.enum(SCREENING_ACTIONS), reason: plainText(3, 2000).optional() })
  .strict()
  .refine((r) => r.action !== 'reject' || !!r.reason, { path: ['reason'], message: 'a rejection needs a reason', params: { reason: 'required' } });
export type ApplicationScreenRequest = z.infer<typeof applicationScreenRequestSchema>;

/** A row of the coordinators' list: contact details only in the detail view, whose reads are recorded. */
export interface ApplicationSummary {
  id: string;
  referenceNumber: string;
  status: ApplicationStatus;
  fullName: string | null;
  region: RegionCode;
  city: string | null;
  languages: SpokenLanguage[];
  skills: string[];
  campaignId: string | null;
  submittedAt: string;
  updatedAt: string;
}

export interface ApplicationAuditEntry {
  action: string;
  actorType: 'applicant' | 'staff' | 'system';
  actorId: string | null;
  fromStatus: ApplicationStatus | null;
  toStatus: ApplicationStatus | null;
  reason: string | null;
  at: string;
}

export interface ApplicationDetail extends ApplicationSummary {
  email: string | null;
  phone: string | null;
  birthDate: string | null;
  guardian: { fullName: string; phone: string; consented: boolean } | null;
  availability: Availability | null;
  motivation: string | null;
  consentVersion: string;
  consentedAt: string;
  volunteerId: string | null;
  decisionReason: string | null;
  erased: boolean;
  audit: ApplicationAuditEntry[];
}
