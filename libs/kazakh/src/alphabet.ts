/**
 * The two Kazakh alphabets and the letter-level correspondence between them.
 *
 * The tables here are the single source of truth: the transliteration lookup tables are built from them
 * at module load, the tests iterate over them and docs/kazakh-script.md reproduces them.
 */

/** One letter of the Kazakh Cyrillic alphabet and its rendering in the 2021 Latin alphabet. */
export interface CyrillicLetterMapping {
  /** Upper-case Cyrillic letter. */
  readonly upper: string;
  /** Lower-case Cyrillic letter. */
  readonly lower: string;
  /** Latin rendering of the upper-case letter inside a Title-case word ("Юрий" → "İurii"). */
  readonly latinTitle: string;
  /** Latin rendering of the upper-case letter inside an ALL-CAPS word ("ЮНИСЕФ" → "İUNİSEF"). */
  readonly latinUpper: string;
  /** Latin rendering of the lower-case letter. */
  readonly latinLower: string;
  /** True for the letters that do not occur in native Kazakh words (Russian loans only). */
  readonly loanOnly: boolean;
}

function row(
  upper: string,
  lower: string,
  latinTitle: string,
  latinLower: string,
  loanOnly = false,
): CyrillicLetterMapping {
  return { upper, lower, latinTitle, latinUpper: latinTitle.toUpperCase(), latinLower, loanOnly };
}

/**
 * The 42 letters of the Kazakh Cyrillic alphabet in alphabetical order, with their 2021 Latin rendering.
 *
 * Notes on the non-obvious rows (see docs/kazakh-script.md for the reasoning):
 * - И and Й both become İ/i (dotted); І becomes I/ı (dotless). Upper case of "i" is "İ", lower case of "I" is "ı".
 * - Х and Һ both become H/h.
 * - Ц → S (2018 spelling rules: цирк → sırk), Щ → Ş, Ч → Ch (the 2021 alphabet has no letter for ч; "c" occurs
 *   nowhere else, so the digraph is reversible).
 * - Ё → io, Ю → iu, Я → ia; Э → E; Ъ and Ь are dropped.
 */
export const KAZAKH_CYRILLIC_ALPHABET: readonly CyrillicLetterMapping[] = [
  row('А', 'а', 'A', 'a'),
  row('Ә', 'ә', 'Ä', 'ä'),
  row('Б', 'б', 'B', 'b'),
  row('В', 'в', 'V', 'v', true),
  row('Г', 'г', 'G', 'g'),
  row('Ғ', 'ғ', 'Ğ', 'ğ'),
  row('Д', 'д', 'D', 'd'),
  row('Е', 'е', 'E', 'e'),
  row('Ё', 'ё', 'İo', 'io', true),
  row('Ж', 'ж', 'J', 'j'),
  row('З', 'з', 'Z', 'z'),
  row('И', 'и', 'İ', 'i'),
  row('Й', 'й', 'İ', 'i'),
  row('К', 'к', 'K', 'k'),
  row('Қ', 'қ', 'Q', 'q'),
  row('Л', 'л', 'L', 'l'),
  row('М', 'м', 'M', 'm'),
  row('Н', 'н', 'N', 'n'),
  row('Ң', 'ң', 'Ñ', 'ñ'),
  row('О', 'о', 'O', 'o'),
  row('Ө', 'ө', 'Ö', 'ö'),
  row('П', 'п', 'P', 'p'),
  row('Р', 'р', 'R', 'r'),
  row('С', 'с', 'S', 's'),
  row('Т', 'т', 'T', 't'),
  row('У', 'у', 'U', 'u'),
  row('Ұ', 'ұ', 'Ū', 'ū'),
  row('Ү', 'ү', 'Ü', 'ü'),
  row('Ф', 'ф', 'F', 'f', true),
  row('Х', 'х', 'H', 'h'),
  row('Һ', 'һ', 'H', 'h'),
  row('Ц', 'ц', 'S', 's', true),
  row('Ч', 'ч', 'Ch', 'ch', true),
  row('Ш', 'ш', 'Ş', 'ş'),
  row('Щ', 'щ', 'Ş', 'ş', true),
  row('Ъ', 'ъ', '', '', true),
  row('Ы', 'ы', 'Y', 'y'),
  row('І', 'і', 'I', 'ı'),
  row('Ь', 'ь', '', '', true),
  row('Э', 'э', 'E', 'e', true),
  row('Ю', 'ю', 'İu', 'iu', true),
  row('Я', 'я', 'İa', 'ia', true),
];

/** One letter of the 2021 Kazakh Latin alphabet and the Cyrillic letter it is read back as. */
export interface LatinLetterMapping {
  readonly upper: string;
  readonly lower: string;
  /** Cyrillic letter(s) for the upper-case form; for İ/i this is the default (И) — context may give Й. */
  readonly cyrillicUpper: string;
  readonly cyrillicLower: string;
}

function latin(upper: string, lower: string, cyrillicUpper: string, cyrillicLower: string): LatinLetterMapping {
  return { upper, lower, cyrillicUpper, cyrillicLower };
}

/** The 31 letters of the Kazakh Latin alphabet approved in 2021, in alphabetical order. */
export const KAZAKH_LATIN_2021_ALPHABET: readonly LatinLetterMapping[] = [
  latin('A', 'a', 'А', 'а'),
  latin('Ä', 'ä', 'Ә', 'ә'),
  latin('B', 'b', 'Б', 'б'),
  latin('D', 'd', 'Д', 'д'),
  latin('E', 'e', 'Е', 'е'),
  latin('F', 'f', 'Ф', 'ф'),
  latin('G', 'g', 'Г', 'г'),
  latin('Ğ', 'ğ', 'Ғ', 'ғ'),
  latin('H', 'h', 'Х', 'х'),
  latin('I', 'ı', 'І', 'і'),
  latin('İ', 'i', 'И', 'и'),
  latin('J', 'j', 'Ж', 'ж'),
  latin('K', 'k', 'К', 'к'),
  latin('L', 'l', 'Л', 'л'),
  latin('M', 'm', 'М', 'м'),
  latin('N', 'n', 'Н', 'н'),
  latin('Ñ', 'ñ', 'Ң', 'ң'),
  latin('O', 'o', 'О', 'о'),
  latin('Ö', 'ö', 'Ө', 'ө'),
  latin('P', 'p', 'П', 'п'),
  latin('Q', 'q', 'Қ', 'қ'),
  latin('R', 'r', 'Р', 'р'),
  latin('S', 's', 'С', 'с'),
  latin('Ş', 'ş', 'Ш', 'ш'),
  latin('T', 't', 'Т', 'т'),
  latin('U', 'u', 'У', 'у'),
  latin('Ū', 'ū', 'Ұ', 'ұ'),
  latin('Ü', 'ü', 'Ү', 'ү'),
  latin('V', 'v', 'В', 'в'),
  latin('Y', 'y', 'Ы', 'ы'),
  latin('Z', 'z', 'З', 'з'),
];

/**
 * Latin input accepted besides the 2021 letters when reading Latin back into Cyrillic:
 * Ŋ/ŋ (used for ң in the 2019–2020 drafts) and Ç/ç (ч in the 2019 draft). "Ch"/"ch" is handled as a digraph.
 */
export const LATIN_INPUT_ALTERNATIVES: readonly LatinLetterMapping[] = [
  latin('Ŋ', 'ŋ', 'Ң', 'ң'),
  latin('Ç', 'ç', 'Ч', 'ч'),
];
