import { KAZAKH_LATIN_2021_ALPHABET } from './alphabet';
import { foldLatin } from './latin-fold';

describe('foldLatin', () => {
  it.each([
    ['ä', 'a'], ['ö', 'o'], ['ü', 'u'], ['ū', 'u'], ['ğ', 'g'], ['ş', 's'], ['ñ', 'n'], ['ı', 'i'], ['i', 'i'],
    ['Ä', 'A'], ['Ö', 'O'], ['Ü', 'U'], ['Ū', 'U'], ['Ğ', 'G'], ['Ş', 'S'], ['Ñ', 'N'], ['I', 'I'], ['İ', 'I'],
  ])('folds the Kazakh letter %s to %s', (letter, folded) => {
    expect(foldLatin(letter)).toBe(folded);
  });

  it('folds every letter of the 2021 alphabet to ASCII', () => {
    for (const letter of KAZAKH_LATIN_2021_ALPHABET) {
      expect(foldLatin(letter.upper)).toMatch(/^[A-Z]$/);
      expect(foldLatin(letter.lower)).toMatch(/^[a-z]$/);
    }
  });

  it.each([
    ['á é í ó ú ý Á É Í Ó Ú Ý', 'a e i o u y A E I O U Y'], // 2018 Kazakh Latin, Spanish…
    ['ǵ ń Ǵ Ń', 'g n G N'], // 2018 Kazakh Latin
    ['ç Ç ş ș ț ą ę ő ű å ø æ œ ß', 'c C s s t a e o u a o ae oe ss'],
    ['ł Ł đ Đ ħ ŧ þ ð ŋ Ŋ ſ', 'l L d D h t th d n N s'],
    ['ə Ə', 'a A'],
    ['ǎ ḩ ạ ẞ ǅ', 'a h a SS Dz'],
    ['Ōtsuka Dvořák Łódź Ærøskøbing', 'Otsuka Dvorak Lodz AEroskobing'],
  ])('folds %s', (text, folded) => {
    expect(foldLatin(text)).toBe(folded);
  });

  it('drops combining marks that follow a Latin letter', () => {
    expect(foldLatin('a\u0308ke u\u0304l q\u0307 i\u0307ran x\u0327\u0301')).toBe('ake ul q iran x');
  });

  it('leaves Cyrillic and its marks alone', () => {
    for (const text of ['й ё ә Қазақстан', '\u0438\u0306 \u0435\u0308', 'Київ']) {
      expect(foldLatin(text)).toBe(text);
    }
  });

  it('leaves digits, punctuation, other scripts and empty input unchanged', () => {
    for (const text of ['', '2024', '«Birge» — 100%!', '東京 Αθήνα 😀', ' \t\n']) {
      expect(foldLatin(text)).toBe(text);
    }
  });

  it('keeps lone surrogates verbatim', () => {
    expect(foldLatin('ä\ud800ö')).toBe('a\ud800o');
  });

  it('is idempotent for every character of U+0000–U+02FF and U+1E00–U+1EFF', () => {
    for (const [from, to] of [
      [0x0000, 0x02ff],
      [0x1e00, 0x1eff],
    ]) {
      for (let code = from; code <= to; code++) {
        if (code >= 0xd800 && code <= 0xdfff) continue;
        const text = `a${String.fromCharCode(code)}b`;
        const once = foldLatin(text);
        expect(foldLatin(once)).toBe(once);
      }
    }
  });

  it('is idempotent on a sentence', () => {
    const once = foldLatin('Qazaqstan Respublikasynyñ Ükımetı ÄLEUMETTIK kömek körsettı — İUNİSEF, Şymkent');
    expect(once).toBe('Qazaqstan Respublikasynyn Ukimeti ALEUMETTIK komek korsetti — IUNISEF, Symkent');
    expect(foldLatin(once)).toBe(once);
  });
});
