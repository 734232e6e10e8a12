import { chooseLocale, convertScript, fallbackChain, negotiateContentLocale } from './fallback';

describe('locale fallback', () => {
  it('tries the other Kazakh script first, then Russian, then English', () => {
    expect(fallbackChain('kk-Latn')).toEqual(['kk-Latn', 'kk-Cyrl', 'ru', 'en']);
    expect(fallbackChain('kk-Cyrl')).toEqual(['kk-Cyrl', 'kk-Latn', 'ru', 'en']);
    expect(fallbackChain('en')[0]).toBe('en');
  });

  it.each([
    ['kk-Latn', ['kk-Latn', 'ru'], { served: 'kk-Latn', source: 'kk-Latn', transliterated: false }],
    ['kk-Latn', ['kk-Cyrl', 'ru'], { served: 'kk-Latn', source: 'kk-Cyrl', transliterated: true }],
    ['kk-Cyrl', ['kk-Latn'], { served: 'kk-Cyrl', source: 'kk-Latn', transliterated: true }],
    ['kk-Cyrl', ['ru', 'en'], { served: 'ru', source: 'ru', transliterated: false }],
    ['kk-Latn', ['en'], { served: 'en', source: 'en', transliterated: false }],
    ['ru', ['en', 'kk-Cyrl'], { served: 'en', source: 'en', transliterated: false }],
    ['en', ['kk-Latn'], { served: 'kk-Latn', source: 'kk-Latn', transliterated: false }],
  ] as const)('%s with %j', (requested, available, choice) => {
    expect(chooseLocale(requested, available)).toEqual(choice);
  });

  it('returns null when nothing is available', () => {
    expect(chooseLocale('ru', [])).toBeNull();
  });

  it('transliterates between the Kazakh scripts only', () => {
    expect(convertScript('Қазақстан', 'kk-Cyrl', 'kk-Latn')).toBe('Qazaqstan');
    expect(convertScript('Qazaqstan', 'kk-Latn', 'kk-Cyrl')).toBe('Қазақстан');
    expect(convertScript('Казахстан', 'ru', 'en')).toBe('Казахстан');
  });

  it.each([
    [undefined, 'kk-Cyrl'],
    ['kk', 'kk-Cyrl'],
    ['kk-KZ', 'kk-Cyrl'],
    ['kk-Latn', 'kk-Latn'],
    ['KK-LATN', 'kk-Latn'],
    ['ru-RU,ru;q=0.9', 'ru'],
    ['de,en;q=0.5', 'en'],
    ['fr', 'kk-Cyrl'],
  ])('negotiates %s → %s', (header, locale) => {
    expect(negotiateContentLocale(header)).toBe(locale);
  });
});
