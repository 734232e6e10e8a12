import { CONTENT_LOCALES, type ContentLocale } from '@birgemiz/contracts';
import { transliterateCyrillicToLatin, transliterateLatinToCyrillic } from '@birgemiz/kazakh';

/**
 * The order in which locales are tried for a reader who asked for `requested`:
 * Kazakh in the other script first (by transliteration), then Russian, then English, then whatever exists.
 */
export function fallbackChain(requested: ContentLocale): ContentLocale[] {
  const chains: Record<ContentLocale, ContentLocale[]> = {
    'kk-Cyrl': ['kk-Cyrl', 'kk-Latn', 'ru', 'en'],
    'kk-Latn': ['kk-Latn', 'kk-Cyrl', 'ru', 'en'],
    ru: ['ru', 'en', 'kk-Cyrl', 'kk-Latn'],
    en: ['en', 'ru', 'kk-Cyrl', 'kk-Latn'],
  };
  return chains[requested];
}

export interface LocaleChoice {
  /** The locale the reader gets. */
  served: ContentLocale;
  /** The stored translation it comes from (differs from `served` when transliterated). */
  source: ContentLocale;
  /** True when the text was transliterated between the Kazakh scripts on the fly. */
  transliterated: boolean;
}

/**
 * Picks the best available locale for a request. Between the Kazakh scripts the reader gets the requested script
 * (transliterated from the other one); otherwise the first available locale of the chain is served as it is.
 * Returns null only when nothing is available.
 */
export function chooseLocale(requested: ContentLocale, available: readonly ContentLocale[]): LocaleChoice | null {
  for (const candidate of fallbackChain(requested)) {
    if (!available.includes(candidate)) continue;
    const kazakhPair = requested.startsWith('kk-') && candidate.startsWith('kk-') && candidate !== requested;
    return kazakhPair
      ? { served: requested, source: candidate, transliterated: true }
      : { served: candidate, source: candidate, transliterated: false };
  }
  return null;
}

/** Converts Kazakh text from one script to the other (identity for any other pair). */
export function convertScript(text: string, from: ContentLocale, to: ContentLocale): string {
  if (from === 'kk-Cyrl' && to === 'kk-Latn') return transliterateCyrillicToLatin(text);
  if (from === 'kk-Latn' && to === 'kk-Cyrl') return transliterateLatinToCyrillic(text);
  return text;
}

/**
 * Reads the content locale from a query value or an Accept-Language header: `kk`, `kk-KZ`, `kk-Cyrl` → kk-Cyrl;
 * `kk-Latn` → kk-Latn; `ru*` → ru; `en*` → en; anything else → the default.
 */
export function negotiateContentLocale(value: string | undefined | null, fallback: ContentLocale = 'kk-Cyrl'): ContentLocale {
  if (!value) return fallback;
  const ranked = value
    .slice(0, 500)
    .split(',')
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim().toLowerCase(), weight: q ? Number(q.slice(2)) || 0 : 1, index };
    })
    .filter((e) => e.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranked) {
    const exact = CONTENT_LOCALES.find((l) => l.toLowerCase() === tag);
    if (exact) return exact;
    if (tag.startsWith('kk')) return tag.includes('latn') ? 'kk-Latn' : 'kk-Cyrl';
    if (tag.startsWith('ru')) return 'ru';
    if (tag.startsWith('en')) return 'en';
  }
  return fallback;
}
