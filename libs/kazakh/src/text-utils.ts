/**
 * Small internal helpers shared by the transliterators and folds. Not part of the public API.
 */

const COMBINING_MARK = /[\u0300-\u036f]/;

/**
 * NFC-normalises the text only when it contains combining diacritics (U+0300–U+036F), so that decomposed
 * input ("и" + U+0306, "a" + U+0308) is treated like the precomposed letters. Text without combining marks is
 * returned as is (one regex scan, no copy).
 */
export function composeIfNeeded(text: string): string {
  return COMBINING_MARK.test(text) ? text.normalize('NFC') : text;
}

/**
 * Locale-independent lower-casing that keeps one code unit per letter for Latin İ (U+0130): plain
 * String#toLowerCase turns "İ" into "i" + U+0307 (combining dot), here it becomes "i".
 * Latin "I" becomes "i" (not Kazakh "ı"): the folded search forms merge the two anyway.
 */
export function lowerCase(text: string): string {
  return text.includes('İ') ? text.replaceAll('İ', 'i').toLowerCase() : text.toLowerCase();
}

/** Whether the UTF-16 code unit is a Cyrillic letter (basic Cyrillic and Cyrillic Supplement blocks). */
export function isCyrillicLetterCode(code: number): boolean {
  return (code >= 0x0400 && code <= 0x0481) || (code >= 0x048a && code <= 0x052f);
}

/** Whether the UTF-16 code unit is a Latin letter (ASCII, Latin-1, Extended-A/B, IPA, Extended Additional). */
export function isLatinLetterCode(code: number): boolean {
  if (code < 0x80) return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a);
  if (code < 0xc0) return code === 0xaa || code === 0xba;
  if (code <= 0x2af) return code !== 0xd7 && code !== 0xf7;
  return code >= 0x1e00 && code <= 0x1eff;
}

/** Whether the character at the index is a cased letter in upper case (any script). Out-of-range: false. */
export function isUpperCaseAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const ch = text[index];
  return ch !== ch.toLowerCase();
}

/** Whether the character at the index is a cased letter in lower case (any script). Out-of-range: false. */
export function isLowerCaseAt(text: string, index: number): boolean {
  if (index < 0 || index >= text.length) return false;
  const ch = text[index];
  return ch !== ch.toUpperCase();
}

/** Above this many code units the output is assembled from several String.fromCharCode calls. */
const DECODE_CHUNK = 8192;

/**
 * Builds a string from the first `length` UTF-16 code units of `units`. Code units are copied verbatim (lone
 * surrogates included), unlike TextDecoder which would replace them.
 */
export function stringFromCodeUnits(units: Uint16Array, length: number): string {
  if (length <= DECODE_CHUNK) return String.fromCharCode.apply(null, units.subarray(0, length) as unknown as number[]);
  const parts: string[] = [];
  for (let start = 0; start < length; start += DECODE_CHUNK) {
    const chunk = units.subarray(start, Math.min(start + DECODE_CHUNK, length));
    parts.push(String.fromCharCode.apply(null, chunk as unknown as number[]));
  }
  return parts.join('');
}
