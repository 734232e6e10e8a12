import { z } from 'zod';

export const LANGUAGE_LEVELS = ['basic', 'intermediate', 'fluent', 'native'] as const;
export type LanguageLevel = (typeof LANGUAGE_LEVELS)[number];

/** Scripts a Kazakh reader reads: Cyrillic, and the 2021 Latin alphabet. */
export const KAZAKH_SCRIPTS = ['cyrl', 'latn'] as const;
export type KazakhScript = (typeof KAZAKH_SCRIPTS)[number];

/** Skill codes volunteers choose from (wire values: DO NOT RENAME). */
export const SKILL_CODES = [
  'first-aid',
  'medical',
  'psychology',
  'teaching',
  'translation',
  'driving',
  'logistics',
  'cooking',
  'construction',
  'it',
  'photo-video',
  'social-media',
  'event-support',
  'elderly-care',
  'child-care',
  'animal-care',
  'ecology',
  'sports',
  'music-art',
  'other',
] as const;
export type SkillCode = (typeof SKILL_CODES)[number];

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export const TIMES_OF_DAY = ['morning', 'afternoon', 'evening'] as const;

/** One language a person speaks; for Kazakh, the script(s) they read are required. */
export const spokenLanguageSchema = z
  .object({
    code: z.string().regex(/^[a-z]{2,3}$/, 'ISO 639 language code, e.g. kk, ru, en'),
    level: z.enum(LANGUAGE_LEVELS),
    scripts: z.array(z.enum(KAZAKH_SCRIPTS)).max(2).optional(),
  })
  .strict()
  .superRefine((value, ctx) => {
    if (value.code === 'kk' && (!value.scripts || value.scripts.length === 0)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['scripts'], message: 'say which Kazakh script(s) you read', params: { reason: 'scripts_required' } });
    }
    if (value.code !== 'kk' && value.scripts && value.scripts.length > 0) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['scripts'], message: 'scripts are asked for Kazakh only', params: { reason: 'scripts_not_applicable' } });
    }
  })
  .transform((value) => ({ code: value.code, level: value.level, scripts: [...new Set(value.scripts ?? [])].sort() as KazakhScript[] }));

export type SpokenLanguage = z.infer<typeof spokenLanguageSchema>;

export const languagesSchema = z
  .array(spokenLanguageSchema)
  .min(1)
  .max(10)
  .refine((list) => new Set(list.map((l) => l.code)).size === list.length, { message: 'each language once', params: { reason: 'duplicate' } });

export const skillsSchema = z
  .array(z.enum(SKILL_CODES))
  .max(SKILL_CODES.length)
  .transform((list) => [...new Set(list)]);

export const availabilitySchema = z
  .object({
    days: z.array(z.enum(WEEKDAYS)).min(1).max(7),
    timesOfDay: z.array(z.enum(TIMES_OF_DAY)).min(1).max(3),
    hoursPerWeek: z.number().int().min(1).max(80),
  })
  .strict();
export type Availability = z.infer<typeof availabilitySchema>;
