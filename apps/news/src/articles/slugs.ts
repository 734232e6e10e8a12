import type { ContentLocale } from '@birgemiz/contracts';
import { foldLatin, transliterateCyrillicToLatin } from '@birgemiz/kazakh';

/** Russian → Latin for readable slugs (a simplified passport-style romanisation). */
const RUSSIAN_TO_LATIN: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', е: 'e', ё: 'e', ж: 'zh', з: 'z', и: 'i', й: 'i', к: 'k', л: 'l',
  м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch', ш: 'sh',
  щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'iu', я: 'ia',
};

const MAX_SLUG = 80;

/**
 * A readable Latin slug from a title: Kazakh Cyrillic through the 2021 Latin alphabet, Russian through a
 * romanisation table, then accents dropped and everything but a–z and 0–9 turned into single hyphens.
 */
export function slugify(title: string, locale: ContentLocale): string {
  let text = title.toLowerCase();
  if (locale === 'kk-Cyrl') text = transliterateCyrillicToLatin(text);
  if (locale === 'ru' || locale === 'kk-Cyrl') text = [...text].map((ch) => RUSSIAN_TO_LATIN[ch] ?? ch).join('');
  text = foldLatin(text.replace(/ş/g, 'sh')).toLowerCase();
  const slug = text
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, MAX_SLUG)
    .replace(/-+$/g, '');
  return slug || 'article';
}

/** The slug itself and numbered variants, to pick the first free one. */
export function slugCandidates(base: string, count = 20): string[] {
  const stem = base.slice(0, MAX_SLUG - 4).replace(/-+$/g, '');
  return [base, ...Array.from({ length: count - 1 }, (_, i) => `${stem}-${i + 2}`)];
}
