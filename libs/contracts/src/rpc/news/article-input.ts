import { z } from 'zod';
import { CONTENT_LOCALES } from '../../locales';
import { REGION_CODES } from '../../regions';
import { staffActorSchema } from '../auth';

/** Raw HTML is refused in any article or comment field: bodies are Markdown. */
const HTML_TAG = /<\s*\/?\s*[a-zA-Z!][^>]*>/;
const noHtml = (s: string) => !HTML_TAG.test(s);
const NO_HTML = { message: 'html_not_allowed' };

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const LIMITS = {
  title: 200,
  summary: 600,
  body: 100_000,
  slug: 120,
  tags: 10,
  tag: 40,
  commentName: 80,
  commentText: 2_000,
} as const;

export const localeSchema = z.enum(CONTENT_LOCALES);
export const slugSchema = z.string().min(1).max(LIMITS.slug).regex(SLUG_PATTERN, 'invalid_slug');

export const translationInputSchema = z
  .object({
    title: z.string().trim().min(1).max(LIMITS.title).refine(noHtml, NO_HTML),
    summary: z.string().trim().max(LIMITS.summary).refine(noHtml, NO_HTML).default(''),
    /** Markdown. */
    body: z.string().max(LIMITS.body).refine(noHtml, NO_HTML).default(''),
    slug: slugSchema.optional(),
  })
  .strict();
export type TranslationInput = z.infer<typeof translationInputSchema>;

const tagSchema = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(LIMITS.tag)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u, 'invalid_tag');

const translationsSchema = z
  .record(z.string(), translationInputSchema)
  .superRefine((value, ctx) => {
    for (const key of Object.keys(value)) {
      if (!(CONTENT_LOCALES as readonly string[]).includes(key)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'unknown_locale', path: [key] });
      }
    }
  })
  .transform((value) => value as Partial<Record<(typeof CONTENT_LOCALES)[number], TranslationInput>>);

export const createArticleBodySchema = z
  .object({
    region: z.enum(REGION_CODES).nullable().default(null),
    tags: z.array(tagSchema).max(LIMITS.tags).default([]),
    coverImageUrl: z.string().url().max(1000).startsWith('https://').nullable().default(null),
    translations: translationsSchema.refine((t) => Object.keys(t).length > 0, { message: 'at_least_one_translation' }),
  })
  .strict();
export type CreateArticleBody = z.infer<typeof createArticleBodySchema>;

export const updateArticleBodySchema = z
  .object({
    /** The version the editor started from: a stale edit gets 409. */
    expectedVersion: z.number().int().positive(),
    region: z.enum(REGION_CODES).nullable().optional(),
    tags: z.array(tagSchema).max(LIMITS.tags).optional(),
    coverImageUrl: z.string().url().max(1000).startsWith('https://').nullable().optional(),
    /** Translations to add or replace; `null` removes a translation. */
    translations: z
      .record(z.string(), translationInputSchema.nullable())
      .superRefine((value, ctx) => {
        for (const key of Object.keys(value)) {
          if (!(CONTENT_LOCALES as readonly string[]).includes(key)) {
            ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'unknown_locale', path: [key] });
          }
        }
      })
      .optional(),
  })
  .strict();
export type UpdateArticleBody = z.infer<typeof updateArticleBodySchema>;

export const publishBodySchema = z
  .object({
    expectedVersion: z.number().int().positive().optional(),
    /** Locales to publish (default: every translation). */
    locales: z.array(localeSchema).min(1).max(4).optional(),
  })
  .strict();
export type PublishBody = z.infer<typeof publishBodySchema>;

export const scheduleBodySchema = z
  .object({
    expectedVersion: z.number().int().positive().optional(),
    publishAt: z.string().datetime({ offset: true }),
    locales: z.array(localeSchema).min(1).max(4).optional(),
  })
  .strict();
export type ScheduleBody = z.infer<typeof scheduleBodySchema>;

export const transliterateBodySchema = z
  .object({
    expectedVersion: z.number().int().positive(),
    from: z.enum(['kk-Cyrl', 'kk-Latn']),
    to: z.enum(['kk-Cyrl', 'kk-Latn']),
  })
  .strict()
  .refine((b) => b.from !== b.to, { message: 'same_script', path: ['to'] });
export type TransliterateBody = z.infer<typeof transliterateBodySchema>;

export const versionBodySchema = z.object({ expectedVersion: z.number().int().positive().optional() }).strict();

/** Every staff command carries the actor (from the verified token) for authorship and audit. */
export const articleCommandSchema = <T extends z.ZodTypeAny>(body: T) =>
  z.object({ actor: staffActorSchema, articleId: z.string().uuid(), body }).strict();
