import { isCyrillicLetterCode, isLatinLetterCode } from './text-utils';

/** Which alphabet a text is written in, judged by its letters only. */
export type Script = 'cyrl' | 'latn' | 'mixed' | 'none';

/**
 * Detects the script of a text from its letters: 'cyrl' if all letters are Cyrillic, 'latn' if all are Latin,
 * 'mixed' if both occur (e.g. "COVID-19 вакцинасы"), 'none' if there are neither (empty string, digits,
 * punctuation, or only letters of other scripts). Digits, punctuation, spaces and combining marks are ignored.
 */
export function detectScript(text: string): Script {
  let cyrillic = false;
  let latin = false;
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    if (!latin && isLatinLetterCode(code)) {
      latin = true;
      if (cyrillic) return 'mixed';
    } else if (!cyrillic && isCyrillicLetterCode(code)) {
      cyrillic = true;
      if (latin) return 'mixed';
    }
  }
  if (cyrillic) return 'cyrl';
  return latin ? 'latn' : 'none';
}
