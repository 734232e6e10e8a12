import { lexemesOf } from './tsvector-literal';

describe('lexemesOf (tsvector literal of a text)', () => {
  it('lists each token once with its positions in order, counting every token', () => {
    expect(lexemesOf('Волонтер помог, волонтер ушел')).toEqual({
      literal: "'волонтер':1,3 'volonter':1,3 'помог':2 'pomog':2 'ушел':4 'usel':4",
      words: ['волонтер', 'volonter', 'помог', 'pomog', 'ушел', 'usel'],
    });
  });

  it('splits as queries do: letters and digits only, so punctuation and markup make no lexemes', () => {
    expect(lexemesOf("19-й <b>x</b> don't").words).toEqual(['19', 'й', 'i', 'b', 'б', 'x', 'don', 'дон', 't', 'т']);
    expect(lexemesOf('').literal).toBe('');
    expect(lexemesOf('— … !!').literal).toBe('');
  });

  it('carries every spelling of each word at the position of the word, in both scripts, lower-cased and ё-folded', () => {
    expect(lexemesOf('Қазақ тілі').literal).toBe("'қазақ':1 'казак':1 'qazaq':1 'тілі':2 'тили':2 'tili':2");
    expect(lexemesOf('Qazaq Ёлка').words).toEqual(['qazaq', 'казак', 'елка', 'elka']);
  });

  it('keeps within PostgreSQL limits: positions up to 16,383, 256 per lexeme, lexemes under 2 KiB', () => {
    const many = lexemesOf(Array.from({ length: 20_000 }, () => 'сөз').join(' '));
    for (const lexeme of many.literal.split(' ')) expect(lexeme.split(':')[1].split(',')).toHaveLength(256);
    const late = lexemesOf(`${'а '.repeat(17_000)}соңы`);
    expect(late.literal).toContain("'соңы':16383");
    // 1,100 × ж is 2,200 bytes (dropped); its Latin spelling, 1,100 × j, fits.
    expect(lexemesOf(`${'ж'.repeat(1_100)} қысқа`).words).toEqual(['j'.repeat(1_100), 'қысқа', 'кыска', 'qysqa']);
  });
});
