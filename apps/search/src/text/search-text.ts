import { searchForms } from '@birgemiz/kazakh';

/**
 * Text normalisation shared by documents and queries, so both meet on the same forms:
 * lower case, ё → е, and for Kazakh (either script) the keyboard-folded Cyrillic and the ASCII Latin forms
 * (see `searchForms` in @birgemiz/kazakh). Russian and English text gets the same treatment (it yields the
 * lower-cased, ё-folded text plus a transliteration, which does no harm and lets Latin queries find Cyrillic names).
 */

const TOKEN = /[\p{L}\p{N}]+/gu;
const IS_TOKEN = /^[\p{L}\p{N}]+$/u;

export function foldYo(text: string): string {
  return text.replace(/ё/g, 'е').replace(/Ё/g, 'Е');
}

/** Every normalised form of a text, joined by newlines (what the 'simple' text-search parser indexes). */
export function indexForms(text: string): string {
  if (!text) return '';
  const forms = searchForms(foldYo(text.normalize('NFC'))).map(foldYo);
  return [...new Set(forms)].join('\n');
}

/** Words (letters and digits) of a text, in order. */
export function tokenize(text: string): string[] {
  return text.normalize('NFC').match(TOKEN) ?? [];
}

/** Words whose spellings are remembered (highlighting asks for every word of every hit); cleared when full. */
const WORD_FORMS_CACHE_SIZE = 50_000;
const wordFormsCache = new Map<string, readonly string[]>();

/** The normalised spellings of one word (lower case, folded, both scripts), deduplicated, each a single token. */
export function wordForms(word: string): readonly string[] {
  const cached = wordFormsCache.get(word);
  if (cached) return cached;
  const out = new Set<string>();
  for (const form of searchForms(foldYo(word.normalize('NFC')))) {
    for (const token of tokenize(foldYo(form))) out.add(token);
  }
  const forms = Object.freeze([...out].filter((t) => IS_TOKEN.test(t)));
  if (wordFormsCache.size >= WORD_FORMS_CACHE_SIZE) wordFormsCache.clear();
  wordFormsCache.set(word, forms);
  return forms;
}

export interface QueryWord {
  /** The word as typed. */
  raw: string;
  /** Its normalised spellings; a document matches the word when it contains any of them. */
  forms: readonly string[];
  /** True for the last word of the query when it is not in a phrase: matched as a prefix too (search as you type). */
  prefix: boolean;
}

export interface QueryTerm {
  /** One word, or several that must be adjacent (a phrase in double quotes). */
  words: QueryWord[];
  phrase: boolean;
}

export interface ParsedQuery {
  terms: QueryTerm[];
  /** Every form of every word (for highlighting). */
  allForms: string[];
}

/**
 * Parses a query: double quotes delimit phrases (quotes must be balanced; the request schema checks), everything
 * else is words. Punctuation and operators carry no meaning — they are not words, so `" OR status = draft` is
 * just the words "or", "status", "draft". At most `maxWords` words are kept.
 */
export function parseQuery(q: string, maxWords = 12): ParsedQuery {
  const terms: QueryTerm[] = [];
  let count = 0;
  const parts = q.split('"');
  parts.forEach((part, index) => {
    const phrase = index % 2 === 1;
    const words = tokenize(part)
      .map((raw) => ({ raw, forms: wordForms(raw), prefix: false }))
      .filter((w) => w.forms.length > 0);
    if (phrase && words.length > 1) {
      const kept = words.slice(0, Math.max(0, maxWords - count));
      if (kept.length > 0) {
        terms.push({ words: kept, phrase: kept.length > 1 });
        count += kept.length;
      }
      return;
    }
    for (const word of words) {
      if (count >= maxWords) break;
      terms.push({ words: [word], phrase: false });
      count += 1;
    }
  });
  const last = terms[terms.length - 1];
  if (last && !last.phrase && !q.trimEnd().endsWith('"')) {
    const word = last.words[0];
    // A prefix of one or two letters would match half the archive: only from three letters on.
    if ([...word.raw].length >= 3) word.prefix = true;
  }
  const allForms = [...new Set(terms.flatMap((t) => t.words.flatMap((w) => w.forms)))];
  return { terms, allForms };
}
