/** Content locales: Kazakh in Cyrillic and in the 2021 Latin alphabet, Russian, English. */
export const CONTENT_LOCALES = ['kk-Cyrl', 'kk-Latn', 'ru', 'en'] as const;
export type ContentLocale = (typeof CONTENT_LOCALES)[number];

/** Languages of API messages (Accept-Language). */
export const MESSAGE_LANGUAGES = ['kk', 'ru', 'en'] as const;
export type MessageLanguage = (typeof MESSAGE_LANGUAGES)[number];

export function isContentLocale(value: unknown): value is ContentLocale {
  return typeof value === 'string' && (CONTENT_LOCALES as readonly string[]).includes(value);
}
