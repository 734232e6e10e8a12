import { tokenize, wordForms } from '../../text/search-text';

/** PostgreSQL's limits for a tsvector: positions run to 16,383, at most 256 of them per lexeme, lexemes under 2 KiB. */
const MAX_POSITION = 16_383;
const MAX_POSITIONS = 256;
const MAX_LEXEME_BYTES = 2_047;

/** A text's lexemes as the engine indexes them: each token, positions counted from 1 in order of appearance. */
export interface Lexemes {
  /** tsvector input syntax ('lexeme':1,5 …), to be cast with ::tsvector. */
  literal: string;
  /** The distinct lexemes (for the word list). */
  words: string[];
}

/**
 * The lexemes of a text as the engine indexes it: each word (letters and digits, the queries' tokenizer) with every
 * normalised spelling of it (wordForms: lower case, ё → е, keyboard-folded Cyrillic, ASCII Latin — exactly what a
 * query word is looked up under), all of a word's spellings at the word's position (counted from 1). This is what
 * `to_tsvector('simple', …)` of the spellings would give, without PostgreSQL's parser: that parser also emits
 * compound tokens (`covid-19`), hosts and numbers with points, none of which a query of ours can ask for, and it
 * costs about seven times as much as reading this literal (rebuilds spend most of their PostgreSQL time there).
 * Spellings are worked out once per distinct word (wordForms remembers them), not once per occurrence.
 * Tokens are letters and digits only, so no lexeme needs escaping beyond its quotes.
 */
export function lexemesOf(text: string): Lexemes {
  const positions = new Map<string, number[]>();
  let position = 0;
  for (const token of tokenize(text)) {
    position = Math.min(position + 1, MAX_POSITION);
    for (const lexeme of wordForms(token)) {
      if (lexeme.length * 3 > MAX_LEXEME_BYTES && Buffer.byteLength(lexeme) > MAX_LEXEME_BYTES) continue;
      const list = positions.get(lexeme);
      if (!list) positions.set(lexeme, [position]);
      else if (list.length < MAX_POSITIONS && list[list.length - 1] !== position) list.push(position);
    }
  }
  let literal = '';
  for (const [lexeme, list] of positions) literal += `${literal ? ' ' : ''}'${lexeme}':${list.join(',')}`;
  return { literal, words: [...positions.keys()] };
}
