import { KAZAKH_LATIN_2021_ALPHABET, LATIN_INPUT_ALTERNATIVES } from './alphabet';
import { composeIfNeeded, isCyrillicLetterCode, isLatinLetterCode, stringFromCodeUnits } from './text-utils';

/** All Latin letters of the alphabet (and accepted alternatives) lie below U+0180. */
const TABLE_SIZE = 0x0180;

/**
 * Cyrillic code unit for each Latin letter (0: copied unchanged). Every rendering is a single code unit;
 * i and İ are context dependent and handled separately.
 */
const RENDERING = new Uint16Array(TABLE_SIZE);
for (const letter of [...KAZAKH_LATIN_2021_ALPHABET, ...LATIN_INPUT_ALTERNATIVES]) {
  RENDERING[letter.upper.charCodeAt(0)] = letter.cyrillicUpper.charCodeAt(0);
  RENDERING[letter.lower.charCodeAt(0)] = letter.cyrillicLower.charCodeAt(0);
}

const OTHER = 0;
const VOWEL = 1;
const CONSONANT = 2;

/** Character class of code units below TABLE_SIZE: OTHER (word boundary), VOWEL or CONSONANT. */
const CHARACTER_CLASS = new Uint8Array(TABLE_SIZE);
for (let code = 0; code < TABLE_SIZE; code++) {
  if (isLatinLetterCode(code)) CHARACTER_CLASS[code] = CONSONANT;
}
for (const vowel of 'aäeıioöuūüyAÄEIİOÖUŪÜY') CHARACTER_CLASS[vowel.charCodeAt(0)] = VOWEL;

function characterClass(code: number): number {
  if (code < TABLE_SIZE) return CHARACTER_CLASS[code];
  return isLatinLetterCode(code) || isCyrillicLetterCode(code) ? CONSONANT : OTHER;
}

const SMALL_I = 0x69; // i
const CAPITAL_I_DOT = 0x130; // İ
const COMBINING_DOT_ABOVE = 0x307; // "i̇" produced by naive lower-casing of "İ"
const SMALL_C = 0x63;
const CAPITAL_C = 0x43;
const SMALL_H = 0x68;
const SMALL_A = 0x61;
const CAPITAL_A = 0x41;
const SMALL_U = 0x75;
const CAPITAL_U = 0x55;
const CYRILLIC_CAPITAL_YU = 0x42e; // Ю
const CYRILLIC_SMALL_YU = 0x44e; // ю
const CYRILLIC_CAPITAL_YA = 0x42f; // Я
const CYRILLIC_SMALL_YA = 0x44f; // я
const CYRILLIC_CAPITAL_I = 0x418; // И
const CYRILLIC_SMALL_I = 0x438; // и
const CYRILLIC_CAPITAL_SHORT_I = 0x419; // Й
const CYRILLIC_SMALL_SHORT_I = 0x439; // й
const CYRILLIC_CAPITAL_CHE = 0x427; // Ч
const CYRILLIC_SMALL_CHE = 0x447; // ч

/** Class of the character before index, skipping a combining dot above. */
function previousClass(text: string, index: number): number {
  let j = index - 1;
  if (j >= 0 && text.charCodeAt(j) === COMBINING_DOT_ABOVE) j--;
  return j >= 0 ? characterClass(text.charCodeAt(j)) : OTHER;
}

/**
 * Transliterates text in the 2021 Kazakh Latin alphabet back into Kazakh Cyrillic, as faithfully as the lossy
 * mapping allows (the rules are in docs/kazakh-script.md):
 *
 * - "ch" → ч; "iu" → ю; "ia" → я at the start of a word or after a vowel, "иа" after a consonant
 *   ("Aziia" → "Азия", "aiaq" → "аяқ", "milliard" → "миллиард").
 * - Any other "i"/"İ" → й after a vowel ("üi" → "үй", "ūiym" → "ұйым"), и otherwise ("kiım" → "киім").
 * - h → х (never һ), e → е (never э), s → с (never ц), ş → ш (never щ); ъ, ь and ё are never produced.
 * - I/ı → І/і, İ/i → И/Й; Ŋ/ŋ and Ç/ç are accepted for ң and ч.
 * - Letters outside the alphabet (c not followed by h, w, x, accented letters), digits, punctuation and other
 *   scripts are copied unchanged. Decomposed input is NFC-normalised first.
 */
export function transliterateLatinToCyrillic(text: string): string {
  const source = composeIfNeeded(text);
  const length = source.length;
  const out = new Uint16Array(length);
  let written = 0;
  let changed = false;
  for (let i = 0; i < length; i++) {
    const code = source.charCodeAt(i);
    if (code === SMALL_I || code === CAPITAL_I_DOT) {
      changed = true;
      const upper = code === CAPITAL_I_DOT;
      let nextIndex = i + 1;
      if (!upper && source.charCodeAt(nextIndex) === COMBINING_DOT_ABOVE) nextIndex++;
      const next = source.charCodeAt(nextIndex); // NaN past the end
      if (next === SMALL_U || next === CAPITAL_U) {
        out[written++] = upper ? CYRILLIC_CAPITAL_YU : CYRILLIC_SMALL_YU;
        i = nextIndex;
      } else if ((next === SMALL_A || next === CAPITAL_A) && previousClass(source, i) !== CONSONANT) {
        out[written++] = upper ? CYRILLIC_CAPITAL_YA : CYRILLIC_SMALL_YA;
        i = nextIndex;
      } else {
        const afterVowel = previousClass(source, i) === VOWEL;
        out[written++] = upper
          ? afterVowel ? CYRILLIC_CAPITAL_SHORT_I : CYRILLIC_CAPITAL_I
          : afterVowel ? CYRILLIC_SMALL_SHORT_I : CYRILLIC_SMALL_I;
        i = nextIndex - 1;
      }
    } else if ((code === SMALL_C || code === CAPITAL_C) && (source.charCodeAt(i + 1) | 0x20) === SMALL_H) {
      changed = true;
      out[written++] = code === SMALL_C ? CYRILLIC_SMALL_CHE : CYRILLIC_CAPITAL_CHE;
      i++;
    } else {
      const rendering = code < TABLE_SIZE ? RENDERING[code] : 0;
      if (rendering !== 0) {
        changed = true;
        out[written++] = rendering;
      } else {
        out[written++] = code;
      }
    }
  }
  return changed ? stringFromCodeUnits(out, written) : source;
}
