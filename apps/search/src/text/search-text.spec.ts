import { indexForms, parseQuery, wordForms } from './search-text';
import { highlight, snippet, WordMatcher } from './highlight';

describe('search text normalisation', () => {
  it('gives every spelling of a Kazakh word: Cyrillic, keyboard-folded, 2021 Latin as ASCII', () => {
    expect(wordForms('Қазақ')).toEqual(['қазақ', 'казак', 'qazaq']);
    expect(wordForms('qazaq')).toEqual(['qazaq', 'казак']);
    expect(wordForms('казак')).toEqual(['казак', 'kazak']);
  });

  it('folds ё to е in every form', () => {
    expect(wordForms('Волонтёры')).toEqual(['волонтеры', 'volontery']);
    expect(wordForms('волонтеры')).toEqual(wordForms('Волонтёры'));
    expect(wordForms('Волонтёры').some((f) => f.includes('ё'))).toBe(false);
    expect(indexForms('Ёлка')).not.toContain('ё');
  });

  it('parses words, phrases in balanced quotes, and ignores operators and punctuation', () => {
    const parsed = parseQuery('" OR status = draft"');
    expect(parsed.terms).toHaveLength(1);
    expect(parsed.terms[0]).toMatchObject({ phrase: true });
    expect(parsed.terms[0].words.map((w) => w.raw)).toEqual(['OR', 'status', 'draft']);
    const words = parseQuery('tag:news AND (status = draft)');
    expect(words.terms.map((t) => t.words[0].raw)).toEqual(['tag', 'news', 'AND', 'status', 'draft']);
    expect(words.terms.every((t) => !t.phrase)).toBe(true);
  });

  it('marks the last free word as a prefix from three letters, and limits the number of words', () => {
    expect(parseQuery('волон').terms[0].words[0].prefix).toBe(true);
    expect(parseQuery('во').terms[0].words[0].prefix).toBe(false);
    expect(parseQuery('"наурыз мейрамы"').terms[0].words.every((w) => !w.prefix)).toBe(true);
    expect(parseQuery(Array.from({ length: 30 }, (_, i) => `w${i}`).join(' '), 12).terms).toHaveLength(12);
  });

  it('yields no terms for a query without letters or digits', () => {
    expect(parseQuery('!!! ?? --').terms).toEqual([]);
  });
});

describe('highlighting', () => {
  it('marks words matching in any script, word form or with one typo, and escapes HTML', () => {
    const matcher = new WordMatcher([...wordForms('qazaq'), ...wordForms('волонтеры')]);
    expect(highlight('Қазақ <b>тілі</b>', matcher)).toBe('<mark>Қазақ</mark> &lt;b&gt;тілі&lt;/b&gt;');
    expect(highlight('Для волонтёров открылись', matcher)).toBe('Для <mark>волонтёров</mark> открылись');
  });

  it('allows one typo from five letters and two from nine, never more, and no typo below five letters', () => {
    const matcher = new WordMatcher([...wordForms('фестиваль'), ...wordForms('парк'), ...wordForms('mountain')]);
    const marked = (word: string) => highlight(word, matcher).startsWith('<mark>');
    // (fuzzy matches only: a shared stem of four letters or more matches anyway, so these change the start)
    expect(marked('бестиваль')).toBe(true); // one substitution
    expect(marked('бестивалт')).toBe(true); // two, 9 letters
    expect(marked('бестивплт')).toBe(false); // three
    expect(marked('ountain')).toBe(true); // one deletion, 7 letters
    expect(marked('ountaim')).toBe(false); // two, 7 letters
    expect(marked('барк')).toBe(false); // 4 letters: exact only
    // a long word after a short one: the reused rows grow
    expect(marked(`${'а'.repeat(70)}`)).toBe(false);
    expect(new WordMatcher(wordForms('а'.repeat(80))).matches(`б${'а'.repeat(79)}`)).toBe(true);
  });

  it('crops a passage around the first match, with ellipses where it was cut', () => {
    const text = Array.from({ length: 60 }, (_, i) => (i === 40 ? 'Бурабай' : `слово${i}`)).join(' ');
    const out = snippet(['', text], new WordMatcher(wordForms('бурабай')), 10);
    expect(out.startsWith('…')).toBe(true);
    expect(out.endsWith('…')).toBe(true);
    expect(out).toContain('<mark>Бурабай</mark>');
    expect(out.split(' ')).toHaveLength(10);
  });
});
