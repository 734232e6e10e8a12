import { transliterateCyrillicToLatin } from './cyrillic-to-latin';
import { detectScript } from './detect-script';
import { foldKazakhKeyboard } from './keyboard-fold';
import { foldLatin } from './latin-fold';
import { transliterateLatinToCyrillic } from './latin-to-cyrillic';
import { composeIfNeeded, lowerCase } from './text-utils';

/**
 * The normalised forms under which a text (index side) or a query (query side) should be stored and looked up,
 * so that the Kazakh Cyrillic, Russian-keyboard and 2021 Latin spellings of a word meet. Every form is lower
 * case; the list is deduplicated and keeps this order:
 *
 * - Cyrillic text: [lower-cased, keyboard-folded, Latin 2021 transliteration folded to ASCII]
 *   "Қазақ" → ["қазақ", "казак", "qazaq"]
 * - Latin text: [lower-cased, accent-folded, Cyrillic transliteration keyboard-folded]
 *   "Qazaq" → ["qazaq", "казак"]
 * - Mixed text: [lower-cased, keyboard- and accent-folded, whole text in ASCII Latin, whole text in
 *   keyboard-folded Cyrillic]
 * - No letters: [lower-cased]; empty string: [].
 *
 * The meeting points are the keyboard-folded Cyrillic form (shared by "қазақ", "казак", "qazaq", "Qazaq",
 * "ҚАЗАҚ") and the ASCII Latin form (shared by "Қазақ" and "Qazaq"). Index and query must both go through
 * this function; match if the two lists intersect (or index every form).
 */
export function searchForms(text: string): string[] {
  if (text.length === 0) return [];
  const source = composeIfNeeded(text);
  const lower = lowerCase(source);
  const forms: string[] = [lower];
  switch (detectScript(source)) {
    case 'cyrl':
      forms.push(foldKazakhKeyboard(lower), foldLatin(transliterateCyrillicToLatin(lower)));
      break;
    case 'latn':
      forms.push(foldLatin(lower), foldKazakhKeyboard(lowerCase(transliterateLatinToCyrillic(source))));
      break;
    case 'mixed':
      forms.push(
        foldLatin(foldKazakhKeyboard(lower)),
        foldLatin(transliterateCyrillicToLatin(lower)),
        foldKazakhKeyboard(lowerCase(transliterateLatinToCyrillic(source))),
      );
      break;
    case 'none':
      break;
  }
  return [...new Set(forms)];
}
