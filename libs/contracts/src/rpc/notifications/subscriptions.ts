import { z } from 'zod';
import { CONTENT_LOCALES, type ContentLocale } from '../../locales';
import { REGION_CODES, type RegionCode } from '../../regions';
import { emailSchema } from '../auth';

/** What a subscriber can follow. Wire values: DO NOT RENAME. */
export const SUBSCRIPTION_TOPICS = ['news', 'campaigns', 'region'] as const;
export type SubscriptionTopic = (typeof SUBSCRIPTION_TOPICS)[number];

/** Newsletters immediately per article, or one digest a day. */
export const SUBSCRIPTION_FREQUENCIES = ['immediate', 'daily'] as const;
export type SubscriptionFrequency = (typeof SUBSCRIPTION_FREQUENCIES)[number];

export const SUBSCRIPTION_STATUSES = ['pending', 'confirmed', 'unsubscribed'] as const;
export type SubscriptionStatus = (typeof SUBSCRIPTION_STATUSES)[number];

/** Signed subscription link token (confirmation or management): `<payload>.<signature>`, base64url parts. */
export const subscriptionTokenSchema = z.string().regex(/^[A-Za-z0-9_-]{10,200}\.[A-Za-z0-9_-]{43}$/, 'malformed token');

const topicsSchema = z
  .array(z.enum(SUBSCRIPTION_TOPICS))
  .min(1)
  .max(SUBSCRIPTION_TOPICS.length)
  .transform((list) => [...new Set(list)].sort() as SubscriptionTopic[]);

const preferenceFields = {
  locale: z.enum(CONTENT_LOCALES),
  topics: topicsSchema,
  /** Required when `topics` has `region`: news and campaigns of that region. */
  region: z.enum(REGION_CODES).nullish(),
  frequency: z.enum(SUBSCRIPTION_FREQUENCIES),
};

const regionRule = <T extends { topics?: SubscriptionTopic[]; region?: RegionCode | null }>(value: T) => !value.topics?.includes('region') || !!value.region;
const regionIssue = { path: ['region'], message: 'the region topic needs a region', params: { reason: 'region_required' } };

/** Body of POST /api/v1/subscriptions. */
export const subscribeBodySchema = z
  .object({ email: emailSchema, ...preferenceFields, frequency: preferenceFields.frequency.default('immediate') })
  .strict()
  .refine(regionRule, regionIssue);
export type SubscribeBody = z.infer<typeof subscribeBodySchema>;
export const subscribeRequestSchema = z.object({ subscription: subscribeBodySchema }).strict();
export type SubscribeRequest = z.infer<typeof subscribeRequestSchema>;

/** Body of POST /api/v1/subscriptions/confirm, /unsubscribe, and the token of GET /preferences. */
export const subscriptionTokenBodySchema = z.object({ token: subscriptionTokenSchema }).strict();
export type SubscriptionTokenBody = z.infer<typeof subscriptionTokenBodySchema>;

/** Body of PATCH /api/v1/subscriptions/preferences: any subset of the preferences, with the management token. */
export const preferencesBodySchema = z
  .object({ token: subscriptionTokenSchema, ...preferenceFields })
  .partial({ locale: true, topics: true, region: true, frequency: true })
  .strict()
  .refine((v) => v.locale !== undefined || v.topics !== undefined || v.region !== undefined || v.frequency !== undefined, {
    message: 'nothing to change',
    params: { reason: 'required' },
  });
export type PreferencesBody = z.infer<typeof preferencesBodySchema>;

/** The one-click unsubscribe (RFC 8058) request: token from the List-Unsubscribe URL, body checked by the gateway. */
export const oneClickUnsubscribeRequestSchema = z.object({ token: subscriptionTokenSchema, oneClick: z.literal(true) }).strict();
export type OneClickUnsubscribeRequest = z.infer<typeof oneClickUnsubscribeRequestSchema>;

/** The same answer whether or not the address was known: a subscription request reveals nothing. */
export interface SubscribeAccepted {
  accepted: true;
  /** Tells the person to look for the confirmation e-mail. */
  next: 'confirm_by_email';
}

/** What the holder of a management link sees (their own address is shown masked). */
export interface SubscriptionView {
  status: SubscriptionStatus;
  emailMasked: string;
  locale: ContentLocale;
  topics: SubscriptionTopic[];
  region: RegionCode | null;
  frequency: SubscriptionFrequency;
  confirmedAt: string | null;
}
