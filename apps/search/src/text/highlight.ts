import { wordForms } from './search-text';

const WORD = /[\p{L}\p{N}]+/gu;

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

/** Two rows of the edit-distance table, reused (words are short; grown when a longer one comes). */
let previousRow = new Int32Array(64);
let currentRow = new Int32Array(64);

/** Whether the Levenshtein distance of `a` and `b` is at most `max` (stops as soon as a row exceeds it). */
function withinEdits(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  if (b.length + 1 > previousRow.length) {
    previousRow = new Int32Array(b.length + 1);
    currentRow = new Int32Array(b.length + 1);
  }
  let previous = previousRow;
  let current = currentRow;
  for (let j = 0; j <= b.length; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return false;
    const swap = previous;
    previous = current;
    current = swap;
  }
  return previous[b.length] <= max;
}

/**
 * Decides whether a word of a document matches one of the query's forms, the way the engines do: same
 * normalised form, the same stem (a long common prefix: Russian and Kazakh inflect at the end), a prefix of the
 * last query word, or one typo (two from nine letters).
 */
export class WordMatcher {
  private readonly forms: Set<string>;
  private readonly cache = new Map<string, boolean>();

  constructor(
    forms: readonly string[],
    private readonly prefixes: readonly string[] = [],
  ) {
    this.forms = new Set(forms);
  }

  matches(word: string): boolean {
    const known = this.cache.get(word);
    if (known !== undefined) return known;
    const result = wordForms(word).some((form) => this.formMatches(form));
    this.cache.set(word, result);
    return result;
  }

  private formMatches(form: string): boolean {
    if (this.forms.has(form)) return true;
    for (const prefix of this.prefixes) if (form.startsWith(prefix)) return true;
    for (const q of this.forms) {
      const shorter = Math.min(q.length, form.length);
      if (shorter >= 4 && commonPrefix(q, form) >= Math.max(4, shorter - 2)) return true;
      if (shorter >= 5 && withinEdits(q, form, shorter >= 9 ? 2 : 1)) return true;
    }
    return false;
  }
}

/** The whole text, escaped, with matching words wrapped in <mark>. */
export function highlight(text: string, matcher: WordMatcher): string {
  let out = '';
  let last = 0;
  for (const match of text.matchAll(WORD)) {
    const start = match.index ?? 0;
    out += escapeHtml(text.slice(last, start));
    out += matcher.matches(match[0]) ? `<mark>${escapeHtml(match[0])}</mark>` : escapeHtml(match[0]);
    last = start + match[0].length;
  }
  return out + escapeHtml(text.slice(last));
}

/**
 * A passage of about `words` words around the first match of the first text that has one (summary, then body),
 * escaped, matches in <mark>, "…" where it was cut. Without a match: the start of the first non-empty text.
 */
export function snippet(texts: readonly string[], matcher: WordMatcher, words = 24): string {
  const candidates = texts.filter((t) => t.trim().length > 0);
  if (candidates.length === 0) return '';
  for (const text of candidates) {
    const spans = [...text.matchAll(WORD)];
    const hit = spans.findIndex((m) => matcher.matches(m[0]));
    if (hit >= 0) return crop(text, spans, hit, matcher, words);
  }
  const first = candidates[0];
  return crop(first, [...first.matchAll(WORD)], 0, matcher, words);
}

function crop(text: string, spans: RegExpMatchArray[], center: number, matcher: WordMatcher, words: number): string {
  if (spans.length === 0) return escapeHtml(text.slice(0, 200));
  const from = Math.max(0, Math.min(center - Math.floor(words / 3), spans.length - words));
  const to = Math.min(spans.length - 1, from + words - 1);
  const start = from === 0 ? 0 : spans[from].index ?? 0;
  const endSpan = spans[to];
  const end = to === spans.length - 1 ? text.length : (endSpan.index ?? 0) + endSpan[0].length;
  const body = highlight(text.slice(start, end), matcher).replace(/\s+/g, ' ').trim();
  return `${start > 0 ? '…' : ''}${body}${end < text.length ? '…' : ''}`;
}
