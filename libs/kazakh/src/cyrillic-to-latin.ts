import { KAZAKH_CYRILLIC_ALPHABET } from './alphabet';
import {
  composeIfNeeded,
  isCyrillicLetterCode,
  isLowerCaseAt,
  isUpperCaseAt,
  stringFromCodeUnits,
} from './text-utils';

/**
 * Lookup tables indexed by (code unit − 0x0400): every Kazakh Cyrillic letter lies in U+0400–U+04FF and its
 * Latin rendering has 0 (Ъ, Ь), 1 or 2 (Ё Ч Ю Я) code units.
 */
const TABLE_BASE = 0x0400;
const TABLE_SIZE = 0x0100;
const NOT_MAPPED = 0xff;
/** Number of code units of the rendering, NOT_MAPPED for characters that are copied unchanged. */
const RENDERING_LENGTH = new Uint8Array(TABLE_SIZE).fill(NOT_MAPPED);
const FIRST_UNIT = new Uint16Array(TABLE_SIZE);
const SECOND_UNIT = new Uint16Array(TABLE_SIZE);
/** Second code unit inside an ALL-CAPS word ("İU" rather than "İu"), only for the two-letter renderings. */
const SECOND_UNIT_ALL_CAPS = new Uint16Array(TABLE_SIZE);

function register(cyrillic: string, rendering: string, allCapsRendering: string): void {
  const offset = cyrillic.charCodeAt(0) - TABLE_BASE;
  RENDERING_LENGTH[offset] = rendering.length;
  FIRST_UNIT[offset] = rendering.charCodeAt(0);
  SECOND_UNIT[offset] = rendering.charCodeAt(1);
  SECOND_UNIT_ALL_CAPS[offset] = allCapsRendering.charCodeAt(1);
}
for (const letter of KAZAKH_CYRILLIC_ALPHABET) {
  register(letter.lower, letter.latinLower, letter.latinLower);
  register(letter.upper, letter.latinTitle, letter.latinUpper);
}

const LATIN_SMALL_I = 0x69;
const LATIN_CAPITAL_I = 0x49;
const LATIN_SMALL_DOTLESS_I = 0x131;

/**
 * An upper-case Ю/Я/Ё/Ч is written in capitals ("İU") when the word is in capitals: the next letter is upper
 * case or, at the end of the word, the previous one is. Otherwise it is Title case ("İu").
 */
function isAllCapsContext(text: string, index: number): boolean {
  if (isUpperCaseAt(text, index + 1)) return true;
  if (isLowerCaseAt(text, index + 1)) return false;
  return isUpperCaseAt(text, index - 1);
}

/** A Latin "i"/"I" touching a Cyrillic letter is a homoglyph of Kazakh "і"/"І" (old fonts and keyboards). */
function touchesCyrillic(text: string, index: number): boolean {
  return (
    (index > 0 && isCyrillicLetterCode(text.charCodeAt(index - 1))) ||
    (index + 1 < text.length && isCyrillicLetterCode(text.charCodeAt(index + 1)))
  );
}

/**
 * Transliterates Kazakh Cyrillic text into the Kazakh Latin alphabet approved in 2021.
 *
 * - Every letter of the 42-letter Kazakh Cyrillic alphabet is mapped (see KAZAKH_CYRILLIC_ALPHABET and
 *   docs/kazakh-script.md); Ъ and Ь are dropped.
 * - Case is preserved letter by letter; the two-letter renderings of Ё, Ч, Ю, Я are written in capitals inside
 *   an all-caps word ("ЮНИСЕФ" → "İUNİSEF") and in Title case otherwise ("Юрий" → "İurii").
 * - A Latin "i"/"I" adjacent to a Cyrillic letter is read as the look-alike Kazakh "і"/"І" ("бiлiм" → "bılım").
 * - Everything else (digits, punctuation, Latin text, other scripts, non-Kazakh Cyrillic letters such as
 *   Ukrainian "ї") is copied unchanged. Decomposed input is NFC-normalised first.
 */
export function transliterateCyrillicToLatin(text: string): string {
  const source = composeIfNeeded(text);
  const length = source.length;
  const out = new Uint16Array(length * 2);
  let written = 0;
  let changed = false;
  for (let i = 0; i < length; i++) {
    const code = source.charCodeAt(i);
    const offset = code - TABLE_BASE;
    if (offset >= 0 && offset < TABLE_SIZE) {
      const renderingLength = RENDERING_LENGTH[offset];
      if (renderingLength !== NOT_MAPPED) {
        changed = true;
        if (renderingLength === 1) {
          out[written++] = FIRST_UNIT[offset];
        } else if (renderingLength === 2) {
          out[written++] = FIRST_UNIT[offset];
          const second = SECOND_UNIT[offset];
          const allCaps = SECOND_UNIT_ALL_CAPS[offset];
          out[written++] = allCaps !== second && isAllCapsContext(source, i) ? allCaps : second;
        }
        continue;
      }
    } else if ((code === LATIN_SMALL_I || code === LATIN_CAPITAL_I) && touchesCyrillic(source, i)) {
      changed = true;
      out[written++] = code === LATIN_SMALL_I ? LATIN_SMALL_DOTLESS_I : LATIN_CAPITAL_I;
      continue;
    }
    out[written++] = code;
  }
  return changed ? stringFromCodeUnits(out, written) : source;
}
