import { foldKazakhKeyboard } from './keyboard-fold';

describe('foldKazakhKeyboard', () => {
  it.each([
    ['ә', 'а'], ['ғ', 'г'], ['қ', 'к'], ['ң', 'н'], ['ө', 'о'],
    ['ұ', 'у'], ['ү', 'у'], ['һ', 'х'], ['і', 'и'], ['ё', 'е'],
    ['Ә', 'А'], ['Ғ', 'Г'], ['Қ', 'К'], ['Ң', 'Н'], ['Ө', 'О'],
    ['Ұ', 'У'], ['Ү', 'У'], ['Һ', 'Х'], ['І', 'И'], ['Ё', 'Е'],
  ])('folds %s to %s', (letter, folded) => {
    expect(foldKazakhKeyboard(letter)).toBe(folded);
  });

  it('leaves the letters of the Russian keyboard unchanged', () => {
    const russian = 'абвгдежзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ';
    expect(foldKazakhKeyboard(russian)).toBe(russian);
  });

  it('folds words and keeps case', () => {
    expect(foldKazakhKeyboard('Қазақстан ҚАЗАҚСТАН қазақстан')).toBe('Казакстан КАЗАКСТАН казакстан');
    expect(foldKazakhKeyboard('Өскемен, Түркістан, Ұлытау, шаһар, ёлка')).toBe(
      'Оскемен, Туркистан, Улытау, шахар, елка',
    );
  });

  it('leaves Latin, digits, punctuation and other scripts unchanged', () => {
    for (const text of ['', 'Qazaqstan 2024!', 'ä ö ü ı ñ', 'Київ', '東京 😀', '  \n']) {
      expect(foldKazakhKeyboard(text)).toBe(text);
    }
  });

  it('folds decomposed ё (е + U+0308) and keeps decomposed й (и + U+0306) as й', () => {
    expect(foldKazakhKeyboard('\u0435\u0308ж')).toBe('еж');
    expect(foldKazakhKeyboard('\u0438\u0306')).toBe('й');
  });

  it('is idempotent', () => {
    const samples = [
      'Қазақстан Республикасы — 2024 жыл, «Бірге» қоры',
      'АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя',
    ];
    for (const sample of samples) {
      const once = foldKazakhKeyboard(sample);
      expect(foldKazakhKeyboard(once)).toBe(once);
    }
  });

  it('folds every character of U+0400–U+04FF idempotently', () => {
    for (let code = 0x400; code <= 0x4ff; code++) {
      const once = foldKazakhKeyboard(String.fromCharCode(code));
      expect(foldKazakhKeyboard(once)).toBe(once);
    }
  });
});
