import { KAZAKH_CYRILLIC_ALPHABET, KAZAKH_LATIN_2021_ALPHABET, LATIN_INPUT_ALTERNATIVES } from './alphabet';

describe('KAZAKH_CYRILLIC_ALPHABET', () => {
  it('has the 42 letters of the Kazakh Cyrillic alphabet in order', () => {
    expect(KAZAKH_CYRILLIC_ALPHABET.map((letter) => letter.upper).join('')).toBe(
      'АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ',
    );
    expect(KAZAKH_CYRILLIC_ALPHABET.map((letter) => letter.lower).join('')).toBe(
      'аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя',
    );
  });

  it('pairs each upper-case letter with its lower case', () => {
    for (const letter of KAZAKH_CYRILLIC_ALPHABET) {
      expect(letter.upper.toLowerCase()).toBe(letter.lower);
      expect(letter.upper).toHaveLength(1);
    }
  });

  it('renders every letter with letters of the 2021 Latin alphabet only (plus "c" of the digraph ch)', () => {
    const allowed = new Set([...KAZAKH_LATIN_2021_ALPHABET.flatMap((l) => [l.upper, l.lower]), 'C', 'c']);
    for (const letter of KAZAKH_CYRILLIC_ALPHABET) {
      for (const rendering of [letter.latinLower, letter.latinTitle, letter.latinUpper]) {
        for (const ch of rendering) expect(allowed).toContain(ch);
      }
    }
  });

  it('marks exactly the Russian-only letters as loan-only', () => {
    const loans = KAZAKH_CYRILLIC_ALPHABET.filter((letter) => letter.loanOnly).map((letter) => letter.lower);
    expect(loans.join('')).toBe('вёфцчщъьэюя');
  });
});

describe('KAZAKH_LATIN_2021_ALPHABET', () => {
  it('has the 31 letters approved in 2021, in order', () => {
    expect(KAZAKH_LATIN_2021_ALPHABET.map((letter) => letter.upper).join(' ')).toBe(
      'A Ä B D E F G Ğ H I İ J K L M N Ñ O Ö P Q R S Ş T U Ū Ü V Y Z',
    );
    expect(KAZAKH_LATIN_2021_ALPHABET.map((letter) => letter.lower).join(' ')).toBe(
      'a ä b d e f g ğ h ı i j k l m n ñ o ö p q r s ş t u ū ü v y z',
    );
  });

  it('uses precomposed single code points for every letter', () => {
    for (const letter of [...KAZAKH_LATIN_2021_ALPHABET, ...LATIN_INPUT_ALTERNATIVES]) {
      expect(letter.upper).toHaveLength(1);
      expect(letter.lower).toHaveLength(1);
      expect(letter.upper.normalize('NFC')).toBe(letter.upper);
      expect(letter.lower.normalize('NFC')).toBe(letter.lower);
    }
  });

  it('is consistent with the Cyrillic table for the letters that are a one-to-one pair', () => {
    for (const latinLetter of KAZAKH_LATIN_2021_ALPHABET) {
      const cyrillic = KAZAKH_CYRILLIC_ALPHABET.find((c) => c.lower === latinLetter.cyrillicLower);
      expect(cyrillic).toBeDefined();
      expect(cyrillic?.latinLower).toBe(latinLetter.lower);
      expect(cyrillic?.latinTitle).toBe(latinLetter.upper);
    }
  });
});
