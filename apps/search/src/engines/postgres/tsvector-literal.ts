import { tokenize } from '../../text/search-text';

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
 * The lexemes of an already normalised text (lower-cased spellings, see indexForms), split by the same tokenizer as
 * queries (letters and digits) — what `to_tsvector('simple', text)` computes, without PostgreSQL's parser: that
 * parser also emits compound tokens (`covid-19`), hosts and numbers with points, none of which a query of ours can
 * ask for, and it costs about seven times as much as reading this literal (rebuilds spend most of their
 * PostgreSQL time there). Tokens are letters and digits only, so no lexeme needs escaping beyond its quotes.
 */
export function lexemesOf(normalised: string): Lexemes {
  const positions = new Map<string, number[]>();
  let position = 0;
  for (const token of tokenize(normalised)) {
    position = Math.min(position + 1, MAX_POSITION);
    if (token.length * 3 > MAX_LEXEME_BYTES && Buffer.byteLength(token) > MAX_LEXEME_BYTES) continue;
    const list = positions.get(token);
    if (!list) positions.set(token, [position]);
    else if (list.length < MAX_POSITIONS && list[list.length - 1] !== position) list.push(position);
  }
  let literal = '';
  for (const [lexeme, list] of positions) literal += `${literal ? ' ' : ''}'${lexeme}':${list.join(',')}`;
  return { literal, words: [...positions.keys()] };
}
