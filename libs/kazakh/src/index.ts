export { KAZAKH_CYRILLIC_ALPHABET, KAZAKH_LATIN_2021_ALPHABET, LATIN_INPUT_ALTERNATIVES } from './alphabet';
export type { CyrillicLetterMapping, LatinLetterMapping } from './alphabet';
export { transliterateCyrillicToLatin } from './cyrillic-to-latin';
export { transliterateLatinToCyrillic } from './latin-to-cyrillic';
export { foldKazakhKeyboard, KEYBOARD_FOLDS } from './keyboard-fold';
export { foldLatin, LATIN_SPECIAL_FOLDS } from './latin-fold';
export { detectScript } from './detect-script';
export type { Script } from './detect-script';
export { searchForms } from './search-forms';
