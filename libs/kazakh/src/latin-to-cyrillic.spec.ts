import { transliterateLatinToCyrillic } from './latin-to-cyrillic';

/** [Latin, Cyrillic] for every letter of the 2021 Latin alphabet on its own, written out independently. */
const LOWER_CASE: ReadonlyArray<readonly [string, string]> = [
  ['a', 'а'], ['ä', 'ә'], ['b', 'б'], ['d', 'д'], ['e', 'е'], ['f', 'ф'], ['g', 'г'], ['ğ', 'ғ'], ['h', 'х'],
  ['ı', 'і'], ['i', 'и'], ['j', 'ж'], ['k', 'к'], ['l', 'л'], ['m', 'м'], ['n', 'н'], ['ñ', 'ң'], ['o', 'о'],
  ['ö', 'ө'], ['p', 'п'], ['q', 'қ'], ['r', 'р'], ['s', 'с'], ['ş', 'ш'], ['t', 'т'], ['u', 'у'], ['ū', 'ұ'],
  ['ü', 'ү'], ['v', 'в'], ['y', 'ы'], ['z', 'з'],
];

const UPPER_CASE: ReadonlyArray<readonly [string, string]> = [
  ['A', 'А'], ['Ä', 'Ә'], ['B', 'Б'], ['D', 'Д'], ['E', 'Е'], ['F', 'Ф'], ['G', 'Г'], ['Ğ', 'Ғ'], ['H', 'Х'],
  ['I', 'І'], ['İ', 'И'], ['J', 'Ж'], ['K', 'К'], ['L', 'Л'], ['M', 'М'], ['N', 'Н'], ['Ñ', 'Ң'], ['O', 'О'],
  ['Ö', 'Ө'], ['P', 'П'], ['Q', 'Қ'], ['R', 'Р'], ['S', 'С'], ['Ş', 'Ш'], ['T', 'Т'], ['U', 'У'], ['Ū', 'Ұ'],
  ['Ü', 'Ү'], ['V', 'В'], ['Y', 'Ы'], ['Z', 'З'],
];

describe('transliterateLatinToCyrillic', () => {
  it('covers all 31 letters in both cases', () => {
    expect(LOWER_CASE).toHaveLength(31);
    expect(UPPER_CASE).toHaveLength(31);
  });

  it.each(LOWER_CASE)('maps lower-case %s to %s', (latin, cyrillic) => {
    expect(transliterateLatinToCyrillic(latin)).toBe(cyrillic);
  });

  it.each(UPPER_CASE)('maps upper-case %s to %s', (latin, cyrillic) => {
    expect(transliterateLatinToCyrillic(latin)).toBe(cyrillic);
  });

  it('transliterates whole alphabets', () => {
    expect(transliterateLatinToCyrillic('a ä b d e f g ğ h ı i j k l m n ñ o ö p q r s ş t u ū ü v y z')).toBe(
      'а ә б д е ф г ғ х і и ж к л м н ң о ө п қ р с ш т у ұ ү в ы з',
    );
    expect(transliterateLatinToCyrillic('A Ä B D E F G Ğ H I İ J K L M N Ñ O Ö P Q R S Ş T U Ū Ü V Y Z')).toBe(
      'А Ә Б Д Е Ф Г Ғ Х І И Ж К Л М Н Ң О Ө П Қ Р С Ш Т У Ұ Ү В Ы З',
    );
  });

  describe('i: и or й', () => {
    it.each([
      ['i', 'и'],
      ['iä', 'иә'],
      ['İran', 'Иран'],
      ['kiım', 'киім'],
      ['jiyn', 'жиын'],
      ['Prezident', 'Президент'],
      ['üi', 'үй'],
      ['ūiym', 'ұйым'],
      ['Üİ', 'ҮЙ'],
      ['ÜI', 'ҮІ'],
      ['keiın', 'кейін'],
      ['äiel', 'әйел'],
      ['oiyn', 'ойын'],
      ['syilyq', 'сыйлық'],
      ['İurii', 'Юрий'],
      ['Dmitrii', 'Дмитрий'],
      ['Qostanai', 'Қостанай'],
      ['QOSTANAİ', 'ҚОСТАНАЙ'],
    ])('%s → %s', (latin, cyrillic) => {
      expect(transliterateLatinToCyrillic(latin)).toBe(cyrillic);
    });
  });

  describe('ia: я or иа', () => {
    it.each([
      ['ia', 'я'],
      ['İaponiia', 'Япония'],
      ['İAPONİİA', 'ЯПОНИЯ'],
      ['aiaq', 'аяқ'],
      ['ūiat', 'ұят'],
      ['qoian', 'қоян'],
      ['Aziia', 'Азия'],
      ['siiaqty', 'сияқты'],
      ['milliard', 'миллиард'],
      ['material', 'материал'],
      ['media', 'медиа'],
      ['Diana', 'Диана'],
      ['jaña-ia', 'жаңа-я'],
    ])('%s → %s', (latin, cyrillic) => {
      expect(transliterateLatinToCyrillic(latin)).toBe(cyrillic);
    });
  });

  describe('iu: ю', () => {
    it.each([
      ['iu', 'ю'],
      ['İUNİSEF', 'ЮНИСЕФ'],
      ['İunisef', 'Юнисеф'],
      ['biudjet', 'бюджет'],
      ['qoiu', 'қою'],
      ['kiiu', 'кию'],
      ['süiu', 'сүю'],
    ])('%s → %s', (latin, cyrillic) => {
      expect(transliterateLatinToCyrillic(latin)).toBe(cyrillic);
    });
  });

  describe('ch: ч', () => {
    it.each([
      ['ch', 'ч'],
      ['chempionat', 'чемпионат'],
      ['Chempionat', 'Чемпионат'],
      ['CHEMPİONAT', 'ЧЕМПИОНАТ'],
      ['cH', 'ч'],
      ['Chai', 'Чай'],
    ])('%s → %s', (latin, cyrillic) => {
      expect(transliterateLatinToCyrillic(latin)).toBe(cyrillic);
    });

    it('keeps a "c" that is not followed by h', () => {
      expect(transliterateLatinToCyrillic('c C cafe')).toBe('c C cафе');
    });
  });

  describe('letters outside the 2021 alphabet', () => {
    it('keeps w, x, c and accented letters of other languages unchanged', () => {
      expect(transliterateLatinToCyrillic('w W x X é Ø')).toBe('w W x X é Ø');
    });

    it('accepts ŋ for ң and ç for ч', () => {
      expect(transliterateLatinToCyrillic('jaŋa JAŊA çai Çai')).toBe('жаңа ЖАҢА чай Чай');
    });
  });

  describe('case', () => {
    it.each([
      ['Qazaqstan', 'Қазақстан'],
      ['QAZAQSTAN', 'ҚАЗАҚСТАН'],
      ['qazaqstan', 'қазақстан'],
      ['Şymkent', 'Шымкент'],
      ['ŞYMKENT', 'ШЫМКЕНТ'],
      ['Öskemen', 'Өскемен'],
      ['Ūlytau', 'Ұлытау'],
      ['Ile', 'Іле'],
      ['ILE', 'ІЛЕ'],
    ])('%s → %s', (latin, cyrillic) => {
      expect(transliterateLatinToCyrillic(latin)).toBe(cyrillic);
    });
  });

  describe('everything that is not a Latin letter', () => {
    it.each([
      ['', ''],
      ['2024', '2024'],
      ['  \t\n', '  \t\n'],
      ['«Bırge» — 100%!', '«Бірге» — 100%!'],
      ['1-şı oryn; 3,5 mln ₸', '1-ші орын; 3,5 млн ₸'],
      ['Qazaq тілі', 'Қазақ тілі'],
      ['Привет, Qazaqstan!', 'Привет, Қазақстан!'],
      ['東京 jäne Αθήνα 😀', '東京 және Αθήνα 😀'],
    ])('%j → %j', (latin, cyrillic) => {
      expect(transliterateLatinToCyrillic(latin)).toBe(cyrillic);
    });

    it('returns the very same string when nothing changes', () => {
      const text = '123 — «»!';
      expect(transliterateLatinToCyrillic(text)).toBe(text);
    });

    it('keeps lone surrogates verbatim', () => {
      expect(transliterateLatinToCyrillic('a\ud800b\udc00')).toBe('а\ud800б\udc00');
    });
  });

  describe('mixed text', () => {
    it('transliterates a news paragraph', () => {
      expect(
        transliterateLatinToCyrillic(
          'Astanada 2024 jylğy 15 nauryzda «Birgemiz» erıktı ūiymy 1 500 otbasyğa kömek körsettı.',
        ),
      ).toBe('Астанада 2024 жылғы 15 наурызда «Биргемиз» ерікті ұйымы 1 500 отбасыға көмек көрсетті.');
    });

    it('also converts English words, since it cannot tell them apart (documented)', () => {
      expect(transliterateLatinToCyrillic('Hello world')).toBe('Хелло wорлд');
    });
  });

  describe('decomposed and mis-cased input', () => {
    it('composes combining diacritics first', () => {
      expect(transliterateLatinToCyrillic('a\u0308ke o\u0308z u\u0304l s\u0327y n\u0303 g\u0306')).toBe(
        'әке өз ұл шы ң ғ',
      );
    });

    it('reads "i" + combining dot above (naive lower-casing of İ) as i', () => {
      expect(transliterateLatinToCyrillic('i\u0307ran')).toBe('иран');
      expect(transliterateLatinToCyrillic('i\u0307a')).toBe('я');
      expect(transliterateLatinToCyrillic('üi\u0307')).toBe('үй');
    });
  });
});
