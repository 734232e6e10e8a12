import { CONTENT_LOCALES, type CampaignTranslation, type CampaignTranslations, type ContentLocale } from '@birgemiz/contracts';
import { transliterateCyrillicToLatin, transliterateLatinToCyrillic } from '@birgemiz/kazakh';

export interface LocalizedText extends CampaignTranslation {
  locale: ContentLocale;
  requestedLocale: ContentLocale;
  availableLocales: ContentLocale[];
  transliteratedFrom: ContentLocale | null;
}

/**
 * The best text for a requested locale, with the news fallback chain: the locale itself; kk-Latn ↔ kk-Cyrl by
 * transliteration; then ru; then en; then whatever exists.
 */
export function localize(translations: CampaignTranslations, requested: ContentLocale): LocalizedText {
  const availableLocales = CONTENT_LOCALES.filter((l) => translations[l]);
  const base = { requestedLocale: requested, availableLocales };
  const exact = translations[requested];
  if (exact) return { ...exact, ...base, locale: requested, transliteratedFrom: null };
  if (requested === 'kk-Latn' && translations['kk-Cyrl']) {
    const source = translations['kk-Cyrl'];
    return {
      title: transliterateCyrillicToLatin(source.title),
      description: transliterateCyrillicToLatin(source.description),
      ...base,
      locale: 'kk-Latn',
      transliteratedFrom: 'kk-Cyrl',
    };
  }
  if (requested === 'kk-Cyrl' && translations['kk-Latn']) {
    const source = translations['kk-Latn'];
    return {
      title: transliterateLatinToCyrillic(source.title),
      description: transliterateLatinToCyrillic(source.description),
      ...base,
      locale: 'kk-Cyrl',
      transliteratedFrom: 'kk-Latn',
    };
  }
  const fallback = (['ru', 'en', 'kk-Cyrl', 'kk-Latn'] as const).find((l) => translations[l]);
  if (!fallback) throw new Error('campaign without translations');
  return { ...translations[fallback]!, ...base, locale: fallback, transliteratedFrom: null };
}
