import { indexForms } from '../../text/search-text';
import { lexemesOf } from './tsvector-literal';

describe('lexemesOf (tsvector literal of normalised text)', () => {
  it('lists each token once with its positions in order, counting every token', () => {
    expect(lexemesOf('волонтер помог, волонтер ушел')).toEqual({
      literal: "'волонтер':1,3 'помог':2 'ушел':4",
      words: ['волонтер', 'помог', 'ушел'],
    });
  });

  it('splits as queries do: letters and digits only, so punctuation and markup make no lexemes', () => {
    expect(lexemesOf("covid-19 <b>x</b> don't").words).toEqual(['covid', '19', 'b', 'x', 'don', 't']);
    expect(lexemesOf('').literal).toBe('');
    expect(lexemesOf('— … !!').literal).toBe('');
  });

  it('carries every spelling of a Kazakh text, each copy in its own positions', () => {
    const { literal } = lexemesOf(indexForms('Қазақ тілі'));
    expect(literal).toBe("'қазақ':1 'тілі':2 'казак':3 'тили':4 'qazaq':5 'tili':6");
  });

  it('keeps within PostgreSQL limits: positions up to 16,383, 256 per lexeme, lexemes under 2 KiB', () => {
    const many = lexemesOf(Array.from({ length: 20_000 }, () => 'сөз').join(' '));
    const positions = many.literal.split(':')[1].split(',').map(Number);
    expect(positions).toHaveLength(256);
    const late = lexemesOf(`${'а '.repeat(17_000)}соңы`);
    expect(late.literal).toContain("'соңы':16383");
    expect(lexemesOf(`${'ж'.repeat(1_100)} қысқа`).words).toEqual(['қысқа']);
  });
});
