import { isLatinLetterCode, stringFromCodeUnits } from './text-utils';

/**
 * Latin letters whose accent-free form is not what Unicode compatibility decomposition (NFKD) gives: letters
 * with a stroke, ligatures, dotless ı, eng and schwa (ə was ә in the 1929–1940 Kazakh Latin alphabet).
 */
export const LATIN_SPECIAL_FOLDS: Readonly<Record<string, string>> = {
  ı: 'i',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  ø: 'o',
  Ø: 'O',
  ħ: 'h',
  Ħ: 'H',
  ŧ: 't',
  Ŧ: 'T',
  ŋ: 'n',
  Ŋ: 'N',
  ə: 'a',
  Ə: 'A',
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  þ: 'th',
  Þ: 'Th',
  ſ: 's',
};

/** Fold table for U+0000–U+1EFF (Latin-1 Supplement, Extended-A/B, IPA, Latin Extended Additional). */
const TABLE_SIZE = 0x1f00;
const FOLD: (string | undefined)[] = new Array<string | undefined>(TABLE_SIZE).fill(undefined);

function fillFromDecomposition(from: number, to: number): void {
  for (let code = from; code <= to; code++) {
    if (!isLatinLetterCode(code)) continue;
    const letter = String.fromCharCode(code);
    const base = letter.normalize('NFKD').replace(/[\u0300-\u036f]/g, '');
    if (base !== letter && base.length > 0 && /^[A-Za-z]+$/.test(base)) FOLD[code] = base;
  }
}
fillFromDecomposition(0x00c0, 0x02af);
fillFromDecomposition(0x1e00, 0x1eff);
for (const [from, to] of Object.entries(LATIN_SPECIAL_FOLDS)) FOLD[from.charCodeAt(0)] = to;
/** Longest folded form, for sizing the output buffer. */
const MAX_FOLD_LENGTH = FOLD.reduce((max, folded) => Math.max(max, folded?.length ?? 0), 1);

const COMBINING_FIRST = 0x0300;
const COMBINING_LAST = 0x036f;

/**
 * Strips diacritics from Latin letters for "accents optional" matching: ä→a, ö→o, ü→u, ū→u, ğ→g, ş→s, ñ→n,
 * ı→i, İ→I, á→a, é→e, ł→l, ß→ss… (NFKD decomposition of every precomposed Latin letter, plus the special
 * cases in LATIN_SPECIAL_FOLDS). Combining marks (U+0300–U+036F) after a Latin letter are removed as well.
 *
 * Case is preserved (İ → I, Ä → A). Cyrillic and other scripts are untouched — "й" and "ё" keep their marks.
 * Kazakh Latin letters fold to ASCII; the fold is idempotent.
 */
export function foldLatin(text: string): string {
  const length = text.length;
  let out: Uint16Array | undefined;
  let written = 0;
  let afterLatinLetter = false;
  for (let i = 0; i < length; i++) {
    const code = text.charCodeAt(i);
    let folded: string | undefined;
    if (code < 0x80) {
      const lower = code | 0x20;
      afterLatinLetter = lower >= 0x61 && lower <= 0x7a;
    } else if (code >= COMBINING_FIRST && code <= COMBINING_LAST) {
      if (afterLatinLetter) folded = ''; // drop the mark; afterLatinLetter stays true for stacked marks
    } else {
      afterLatinLetter = isLatinLetterCode(code);
      if (code < TABLE_SIZE) folded = FOLD[code];
    }
    if (folded === undefined) {
      if (out !== undefined) out[written++] = code;
      continue;
    }
    if (out === undefined) {
      // First change: copy the code units so far.
      out = new Uint16Array(length * MAX_FOLD_LENGTH);
      for (let j = 0; j < i; j++) out[j] = text.charCodeAt(j);
      written = i;
    }
    for (let k = 0; k < folded.length; k++) out[written++] = folded.charCodeAt(k);
  }
  return out === undefined ? text : stringFromCodeUnits(out, written);
}
