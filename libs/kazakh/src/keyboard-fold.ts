import { composeIfNeeded, stringFromCodeUnits } from './text-utils';

/**
 * Kazakh-specific Cyrillic letters and what a user of a Russian keyboard types instead, plus ё → е.
 * Upper and lower case. Й, Ы, Э, Ц, Ч, Щ, Ъ, Ь are on the Russian keyboard and are kept.
 */
export const KEYBOARD_FOLDS: Readonly<Record<string, string>> = {
  Ә: 'А',
  ә: 'а',
  Ғ: 'Г',
  ғ: 'г',
  Қ: 'К',
  қ: 'к',
  Ң: 'Н',
  ң: 'н',
  Ө: 'О',
  ө: 'о',
  Ұ: 'У',
  ұ: 'у',
  Ү: 'У',
  ү: 'у',
  Һ: 'Х',
  һ: 'х',
  І: 'И',
  і: 'и',
  Ё: 'Е',
  ё: 'е',
};

const TABLE_BASE = 0x0400;
const TABLE_SIZE = 0x0100;
/** Folded code unit indexed by (code unit − 0x0400); 0 means unchanged. */
const FOLD = new Uint16Array(TABLE_SIZE);
for (const [from, to] of Object.entries(KEYBOARD_FOLDS)) FOLD[from.charCodeAt(0) - TABLE_BASE] = to.charCodeAt(0);

/**
 * Folds the Kazakh-specific Cyrillic letters to the Russian-keyboard letters a user types instead
 * (ә→а, ғ→г, қ→к, ң→н, ө→о, ұ→у, ү→у, һ→х, і→и, ё→е, and upper case). Case is preserved; every other
 * character is unchanged. Idempotent. Decomposed input is NFC-normalised first (so "е" + U+0308 folds too).
 */
export function foldKazakhKeyboard(text: string): string {
  const source = composeIfNeeded(text);
  const length = source.length;
  let out: Uint16Array | undefined;
  for (let i = 0; i < length; i++) {
    const offset = source.charCodeAt(i) - TABLE_BASE;
    if (offset < 0 || offset >= TABLE_SIZE) continue;
    const folded = FOLD[offset];
    if (folded === 0) continue;
    if (out === undefined) {
      // First change: copy the code units so far, then fold in place from here on.
      out = new Uint16Array(length);
      for (let j = 0; j < length; j++) out[j] = source.charCodeAt(j);
    }
    out[i] = folded;
  }
  return out === undefined ? source : stringFromCodeUnits(out, length);
}
