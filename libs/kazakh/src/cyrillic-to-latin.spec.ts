import { transliterateCyrillicToLatin } from './cyrillic-to-latin';

/** [Cyrillic, Latin] for every letter of the Kazakh Cyrillic alphabet, written out independently of the table. */
const LOWER_CASE: ReadonlyArray<readonly [string, string]> = [
  ['а', 'a'], ['ә', 'ä'], ['б', 'b'], ['в', 'v'], ['г', 'g'], ['ғ', 'ğ'], ['д', 'd'], ['е', 'e'], ['ё', 'io'],
  ['ж', 'j'], ['з', 'z'], ['и', 'i'], ['й', 'i'], ['к', 'k'], ['қ', 'q'], ['л', 'l'], ['м', 'm'], ['н', 'n'],
  ['ң', 'ñ'], ['о', 'o'], ['ө', 'ö'], ['п', 'p'], ['р', 'r'], ['с', 's'], ['т', 't'], ['у', 'u'], ['ұ', 'ū'],
  ['ү', 'ü'], ['ф', 'f'], ['х', 'h'], ['һ', 'h'], ['ц', 's'], ['ч', 'ch'], ['ш', 'ş'], ['щ', 'ş'], ['ъ', ''],
  ['ы', 'y'], ['і', 'ı'], ['ь', ''], ['э', 'e'], ['ю', 'iu'], ['я', 'ia'],
];

/** Upper-case letters on their own (Title case for the two-letter renderings). */
const UPPER_CASE: ReadonlyArray<readonly [string, string]> = [
  ['А', 'A'], ['Ә', 'Ä'], ['Б', 'B'], ['В', 'V'], ['Г', 'G'], ['Ғ', 'Ğ'], ['Д', 'D'], ['Е', 'E'], ['Ё', 'İo'],
  ['Ж', 'J'], ['З', 'Z'], ['И', 'İ'], ['Й', 'İ'], ['К', 'K'], ['Қ', 'Q'], ['Л', 'L'], ['М', 'M'], ['Н', 'N'],
  ['Ң', 'Ñ'], ['О', 'O'], ['Ө', 'Ö'], ['П', 'P'], ['Р', 'R'], ['С', 'S'], ['Т', 'T'], ['У', 'U'], ['Ұ', 'Ū'],
  ['Ү', 'Ü'], ['Ф', 'F'], ['Х', 'H'], ['Һ', 'H'], ['Ц', 'S'], ['Ч', 'Ch'], ['Ш', 'Ş'], ['Щ', 'Ş'], ['Ъ', ''],
  ['Ы', 'Y'], ['І', 'I'], ['Ь', ''], ['Э', 'E'], ['Ю', 'İu'], ['Я', 'İa'],
];

describe('transliterateCyrillicToLatin', () => {
  it('covers all 42 letters in both cases', () => {
    expect(LOWER_CASE).toHaveLength(42);
    expect(UPPER_CASE).toHaveLength(42);
  });

  it.each(LOWER_CASE)('maps lower-case %s to "%s"', (cyrillic, latin) => {
    expect(transliterateCyrillicToLatin(cyrillic)).toBe(latin);
  });

  it.each(UPPER_CASE)('maps upper-case %s to "%s"', (cyrillic, latin) => {
    expect(transliterateCyrillicToLatin(cyrillic)).toBe(latin);
  });

  it.each(UPPER_CASE)('maps upper-case %s inside an all-caps word to "%s" in capitals', (cyrillic, latin) => {
    expect(transliterateCyrillicToLatin(`${cyrillic}А`)).toBe(`${latin.toUpperCase()}A`);
    expect(transliterateCyrillicToLatin(`А${cyrillic}`)).toBe(`A${latin.toUpperCase()}`);
  });

  it('transliterates whole alphabets', () => {
    expect(transliterateCyrillicToLatin('аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя')).toBe(
      'aäbvgğdeiojziikqlmnñoöprstuūüfhhschşşyıeiuia',
    );
    expect(transliterateCyrillicToLatin('АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ')).toBe(
      'AÄBVGĞDEİOJZİİKQLMNÑOÖPRSTUŪÜFHHSCHŞŞYIEİUİA',
    );
  });

  describe('case', () => {
    it.each([
      ['Шымкент', 'Şymkent'],
      ['ШЫМКЕНТ', 'ŞYMKENT'],
      ['шымкент', 'şymkent'],
      ['Қазақстан', 'Qazaqstan'],
      ['ҚАЗАҚСТАН', 'QAZAQSTAN'],
      ['Өскемен', 'Öskemen'],
      ['Ұлытау', 'Ūlytau'],
      ['Ілияс', 'Iliias'],
      ['ІЛИЯС', 'ILİİAS'],
      ['Иран', 'İran'],
      ['ЮНИСЕФ', 'İUNİSEF'],
      ['Юрий', 'İurii'],
      ['Япония', 'İaponiia'],
      ['ЯПОНИЯ', 'İAPONİİA'],
      ['Чемпионат', 'Chempionat'],
      ['ЧЕМПИОНАТ', 'CHEMPİONAT'],
      ['Ёлка', 'İolka'],
      ['ЁЛКА', 'İOLKA'],
      ['ТАЯ', 'TAİA'],
      ['Тая', 'Taia'],
      ['ҚЧ', 'QCH'],
      ['Я', 'İa'],
      ['Я.', 'İa.'],
      ['ЮНИСЕФ-ке', 'İUNİSEF-ke'],
      ['eBay-де', 'eBay-de'],
    ])('%s → %s', (cyrillic, latin) => {
      expect(transliterateCyrillicToLatin(cyrillic)).toBe(latin);
    });
  });

  describe('everything that is not a Kazakh letter', () => {
    it.each([
      ['', ''],
      ['2024', '2024'],
      ['  \t\n', '  \t\n'],
      ['«Бірге» — 100%!', '«Bırge» — 100%!'],
      ['1-ші орын, 2-ші орын; 3,5 млн ₸', '1-şı oryn, 2-şı oryn; 3,5 mln ₸'],
      ['Hello, world!', 'Hello, world!'],
      ['Birgemiz жобасы', 'Birgemiz jobasy'],
      ['COVID-19 вакцинасы', 'COVID-19 vaksinasy'],
      ['Привет, мир! Как дела?', 'Privet, mir! Kak dela?'],
      ['Київ', 'Kiїv'],
      ['Ђорђе', 'Ђorђe'],
      ['東京 және Αθήνα', '東京 jäne Αθήνα'],
      ['😀 қуаныш 😀', '😀 quanyş 😀'],
      ['e-mail: info@birgemiz.kz', 'e-mail: info@birgemiz.kz'],
    ])('%j → %j', (cyrillic, latin) => {
      expect(transliterateCyrillicToLatin(cyrillic)).toBe(latin);
    });

    it('returns the very same string when nothing changes', () => {
      const text = 'Nothing to do here: 42.';
      expect(transliterateCyrillicToLatin(text)).toBe(text);
    });

    it('keeps lone surrogates and other code units verbatim', () => {
      expect(transliterateCyrillicToLatin('а\ud800б\udc00')).toBe('a\ud800b\udc00');
    });
  });

  describe('mixed Kazakh, Russian and English text', () => {
    it('transliterates a news paragraph', () => {
      expect(
        transliterateCyrillicToLatin(
          'Астанада 2024 жылғы 15 наурызда «Birgemiz» ерікті ұйымы UNICEF-пен бірге 1 500 отбасыға көмек көрсетті.',
        ),
      ).toBe('Astanada 2024 jylğy 15 nauryzda «Birgemiz» erıktı ūiymy UNICEF-pen bırge 1 500 otbasyğa kömek körsettı.');
    });

    it('transliterates Russian words with the documented rules', () => {
      expect(transliterateCyrillicToLatin('Объявление: цирк, щука, чай, эхо, съезд, ёж, юла, ягода')).toBe(
        'Obiavlenie: sirk, şuka, chai, eho, sezd, ioj, iula, iagoda',
      );
    });
  });

  describe('Latin "i" look-alike inside Cyrillic words', () => {
    it.each([
      ['бiлiм', 'bılım'],
      ['Iле', 'Ile'],
      ['БIЛIМ', 'BILIM'],
    ])('reads %s as Kazakh і', (cyrillic, latin) => {
      expect(transliterateCyrillicToLatin(cyrillic)).toBe(latin);
    });

    it('leaves a Latin i alone when it does not touch a Cyrillic letter', () => {
      expect(transliterateCyrillicToLatin('Wi-Fi және iPhone-ға')).toBe('Wi-Fi jäne iPhone-ğa');
    });
  });

  describe('decomposed input', () => {
    it('treats и + combining breve as й and е + combining diaeresis as ё', () => {
      expect(transliterateCyrillicToLatin('ұ\u0438\u0306ым')).toBe('ūiym');
      expect(transliterateCyrillicToLatin('\u0435\u0308лка')).toBe('iolka');
    });
  });
});
