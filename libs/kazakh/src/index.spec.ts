import * as kazakh from '@birgemiz/kazakh';

describe('@birgemiz/kazakh public API', () => {
  it('exports the functions and tables under the path alias', () => {
    expect(Object.keys(kazakh).sort()).toEqual(
      [
        'KAZAKH_CYRILLIC_ALPHABET',
        'KAZAKH_LATIN_2021_ALPHABET',
        'KEYBOARD_FOLDS',
        'LATIN_INPUT_ALTERNATIVES',
        'LATIN_SPECIAL_FOLDS',
        'detectScript',
        'foldKazakhKeyboard',
        'foldLatin',
        'searchForms',
        'transliterateCyrillicToLatin',
        'transliterateLatinToCyrillic',
      ].sort(),
    );
  });

  it('works end to end', () => {
    const latin = kazakh.transliterateCyrillicToLatin('Қазақстан');
    expect(latin).toBe('Qazaqstan');
    expect(kazakh.transliterateLatinToCyrillic(latin)).toBe('Қазақстан');
    const script: kazakh.Script = kazakh.detectScript(latin);
    expect(script).toBe('latn');
    expect(kazakh.searchForms('қазақ')).toContain(kazakh.foldKazakhKeyboard('қазақ'));
    expect(kazakh.foldLatin(latin)).toBe('Qazaqstan');
  });
});
