import { detectScript } from './detect-script';

describe('detectScript', () => {
  it.each([
    ['Қазақстан', 'cyrl'],
    ['Привет, мир!', 'cyrl'],
    ['2024 жылы 15 наурыз', 'cyrl'],
    ['Київ', 'cyrl'],
    ['Qazaqstan', 'latn'],
    ['Öskemen, Şymkent, Ūlytau', 'latn'],
    ['Hello, world 123', 'latn'],
    ['é', 'latn'],
    ['ə', 'latn'],
    ['ḩ', 'latn'],
    ['COVID-19 вакцинасы', 'mixed'],
    ['Birgemiz жобасы', 'mixed'],
    ['бiлiм', 'mixed'],
    ['', 'none'],
    ['2024', 'none'],
    ['«»—!?., \t\n', 'none'],
    ['東京 Αθήνα 😀', 'none'],
    ['\u0301\u0308', 'none'],
  ])('%j is %s', (text, script) => {
    expect(detectScript(text)).toBe(script);
  });

  it('looks at the whole text', () => {
    expect(detectScript(`${'қазақ '.repeat(1000)}x`)).toBe('mixed');
    expect(detectScript(`${'qazaq '.repeat(1000)}ә`)).toBe('mixed');
  });
});
