import { KAZAKH_LATIN_2021_ALPHABET } from './alphabet';
import { transliterateCyrillicToLatin } from './cyrillic-to-latin';
import { transliterateLatinToCyrillic } from './latin-to-cyrillic';
import { ROUND_TRIP_WORDS } from './test-data/real-words';

describe('round trips', () => {
  it('uses at least 40 real words', () => {
    expect(ROUND_TRIP_WORDS.length).toBeGreaterThanOrEqual(40);
    expect(new Set(ROUND_TRIP_WORDS).size).toBe(ROUND_TRIP_WORDS.length);
  });

  it.each(ROUND_TRIP_WORDS.map((word) => [word]))('%s survives Cyrillic → Latin → Cyrillic', (word) => {
    const latin = transliterateCyrillicToLatin(word);
    expect(transliterateLatinToCyrillic(latin)).toBe(word);
  });

  it.each(ROUND_TRIP_WORDS.map((word) => [word]))('%s survives in upper case too', (word) => {
    const upper = word.toUpperCase();
    expect(transliterateLatinToCyrillic(transliterateCyrillicToLatin(upper))).toBe(upper);
  });

  it('pins the Latin spelling of a few of them', () => {
    expect(ROUND_TRIP_WORDS.slice(0, 8).map(transliterateCyrillicToLatin)).toEqual([
      'Qazaqstan', 'Astana', 'Almaty', 'Şymkent', 'Öskemen', 'Kökşetau', 'Türkıstan', 'Aqtöbe',
    ]);
    const words = ['ерікті', 'жаңалықтар', 'қайырымдылық', 'үкімет', 'ұйым', 'әлеуметтік'];
    expect(words.map(transliterateCyrillicToLatin)).toEqual([
      'erıktı', 'jañalyqtar', 'qaiyrymdylyq', 'ükımet', 'ūiym', 'äleumettık',
    ]);
  });

  it('survives a whole paragraph', () => {
    const paragraph =
      'Қазақстан Республикасының Үкіметі 2024 жылы ерікті ұйымдарға әлеуметтік көмек көрсету бағдарламасын ' +
      'бекітті. ЮНИСЕФ пен «Бірге» қоры Шымкент, Өскемен, Көкшетау және Түркістан қалаларында қайырымдылық ' +
      'іс-шаралар өткізеді (волонтерлер саны — 1500-ден асады).';
    expect(transliterateLatinToCyrillic(transliterateCyrillicToLatin(paragraph))).toBe(paragraph);
  });

  describe('documented lossy cases (see docs/kazakh-script.md)', () => {
    it.each([
      ['шаһар', 'şahar', 'шахар'], // һ and х are both h; h reads back as х
      ['экономика', 'ekonomika', 'економика'], // э → e → е
      ['Цой', 'Soi', 'Сой'], // ц → s → с
      ['щи', 'şi', 'ши'], // щ → ş → ш
      ['ёлка', 'iolka', 'иолка'], // ё → io → ио
      ['объявление', 'obiavlenie', 'обиавление'], // ъ dropped; "ia" after a consonant reads иа
      ['сыйақы', 'syiaqy', 'сыяқы'], // "ia" after a vowel reads я
      ['Нью-Йорк', 'Niu-İork', 'Ню-Иорк'], // ь dropped; word-initial i reads и
      ['Аида', 'Aida', 'Айда'], // i after a vowel reads й
      ['радиус', 'radius', 'радюс'], // iu always reads ю
    ])('%s → %s → %s', (cyrillic, latin, back) => {
      expect(transliterateCyrillicToLatin(cyrillic)).toBe(latin);
      expect(transliterateLatinToCyrillic(latin)).toBe(back);
    });
  });

  describe('Latin → Cyrillic → Latin is lossless for text in the 2021 alphabet', () => {
    const letters = KAZAKH_LATIN_2021_ALPHABET.map((letter) => letter.lower);
    const separators = [' ', ' ', ' ', '-', ', ', '. ', '1', '«'];

    /** Small deterministic PRNG (mulberry32) so that failures are reproducible. */
    function random(seed: number): () => number {
      let state = seed >>> 0;
      return () => {
        state = (state + 0x6d2b79f5) >>> 0;
        let t = state;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
      };
    }

    function randomText(next: () => number, words: number): string[] {
      const result: string[] = [];
      for (let w = 0; w < words; w++) {
        const length = 3 + Math.floor(next() * 8);
        let word = '';
        for (let i = 0; i < length; i++) word += letters[Math.floor(next() * letters.length)];
        // Bias towards the digraph-prone sequences.
        if (next() < 0.3) word += ['ia', 'iu', 'ch', 'ii', 'io'][Math.floor(next() * 5)];
        result.push(word);
      }
      return result;
    }

    function title(word: string): string {
      const first = word[0] === 'i' ? 'İ' : word[0] === 'ı' ? 'I' : word[0].toUpperCase();
      return first + word.slice(1);
    }

    function upper(word: string): string {
      return [...word].map((ch) => (ch === 'i' ? 'İ' : ch === 'ı' ? 'I' : ch.toUpperCase())).join('');
    }

    it('for 2000 random lower-case, Title-case and ALL-CAPS words', () => {
      const next = random(2021);
      for (let round = 0; round < 200; round++) {
        const words = randomText(next, 10).map((word, i) =>
          i % 3 === 0 ? title(word) : i % 3 === 1 ? upper(word) : word,
        );
        let text = '';
        for (const word of words) text += word + separators[Math.floor(next() * separators.length)];
        expect(transliterateCyrillicToLatin(transliterateLatinToCyrillic(text))).toBe(text);
      }
    });
  });
});
