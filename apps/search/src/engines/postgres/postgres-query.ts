import type { IndexScope, SearchFacet } from '@birgemiz/contracts';
import type { SearchFilters } from '../search-engine';
import type { ParsedQuery, QueryTerm } from '../../text/search-text';

/** Rows ranked per query at most: a frequent word never makes PostgreSQL rank every match (see docs/search.md). */
export const CANDIDATES = 1_000;
/** Title matches always among the candidates, even when the body matches of a frequent word fill the window. */
export const TITLE_CANDIDATES = 200;
/**
 * Recent windows: the newest rows of a scope at the last rebuild (and every row written since) carry their own
 * partial GIN indexes, at two sizes (RECENT_WINDOWS, smallest first). A word with at least HOT_MIN matches in a
 * window is frequent there: its candidates come from that window only (HOT_TITLE_CANDIDATES title matches and
 * HOT_CANDIDATES matches anywhere), so neither the index scan nor the ranking grows with the number of matches in
 * the whole archive — and a GIN scan cannot stop early, so the smaller the window that has enough matches, the less
 * it decodes (a word in most documents: a tenth of the work in the small window). Rarer words try the larger window,
 * then the full indexes, which is cheap precisely because they are rare.
 */
export const HOT_MIN = 100;
export const HOT_CANDIDATES = 200;
export const HOT_TITLE_CANDIDATES = 50;

export interface RecentWindow {
  /** Newest rows at a rebuild. */
  rows: number;
  /** Part of its index names (`<table>_<name>_tsv`, `<table>_<name>_title_tsv`). */
  name: string;
  /**
   * The indexed expression over a tsvector column: the same vector, written differently per window, so that a
   * condition on it can only be answered from that window's partial index (not the archive-wide GIN, not another
   * window's index, not by filtering every recent row).
   */
  expression(column: string): string;
}

export const RECENT_WINDOWS: readonly RecentWindow[] = [
  { rows: 2_000, name: 'recent', expression: (column) => `(''::tsvector || ${column})` },
  { rows: 20_000, name: 'hot', expression: (column) => `(${column} || ''::tsvector)` },
];

/** A window of a scope as it stands: its lower bound (its partial indexes' predicate). */
export interface WindowBound {
  window: RecentWindow;
  since: Date;
}

/** Table of a scope: a closed set, never built from input. */
export function entriesTable(scope: IndexScope, suffix = ''): string {
  if (scope !== 'public' && scope !== 'staff') throw new Error(`unknown scope ${String(scope)}`);
  if (suffix && !/^_[a-z0-9]+$/.test(suffix)) throw new Error(`bad table suffix ${suffix}`);
  return `"search"."${scope}_entries${suffix}"`;
}

/** Text-search configuration used for stemming a translation's original text. */
export function stemConfig(locale: string): 'russian' | 'english' | 'simple' {
  if (locale === 'ru') return 'russian';
  if (locale === 'en') return 'english';
  return 'simple';
}

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function quoteLexeme(token: string): string {
  return `'${token.replace(/'/g, "''").replace(/\\/g, '\\\\')}'`;
}

/** to_tsquery source text: alternatives joined by |, each a quoted lexeme (tokens are letters/digits only). */
function alternatives(forms: readonly string[]): string {
  return forms.map(quoteLexeme).join(' | ');
}

/** Indexed words one prefix stands for at most; a prefix that begins more words stays a `:*` partial match. */
export const PREFIX_WORDS = 64;

/**
 * A 'simple' tsquery matching every word that starts with one of `forms` (a parameter holding them): each prefix
 * becomes the indexed words beginning with it (the word list, `words_prefix` index), which GIN reads as plain
 * entries. A `:*` partial match would make GIN gather each matching row into a bitmap first, several times slower
 * for a frequent word; it stays for a prefix beginning more than PREFIX_WORDS words, or none (the word list holds
 * letters-only words of 3–32 characters, the lexemes a prefix can usefully stand for).
 */
function prefixSql(forms: string): string {
  return `to_tsquery('simple', (
      SELECT string_agg(coalesce(x.words, quote_literal(p.form) || ':*'), ' | ')
      FROM unnest(${forms}::text[]) AS p(form),
      LATERAL (
        SELECT CASE WHEN count(*) <= ${PREFIX_WORDS} THEN string_agg(quote_literal(w."word"), ' | ') END AS words
        FROM (SELECT s."word" FROM "search"."words" s WHERE s."word" LIKE p.form || '%' LIMIT ${PREFIX_WORDS + 1}) w
      ) x))`;
}

/**
 * One tsquery per query term: any normalised spelling (and typo alternatives) of the word in the 'simple'
 * configuration, or its Russian / English stem, and for the last word any indexed word it begins; phrases chain
 * their words with <->.
 */
function termSql(term: QueryTerm, extra: Map<string, string[]>, params: Params): string {
  const words = term.words.map((word) => {
    const typos = extra.get(word.raw.toLowerCase()) ?? [];
    const spellings = [...word.forms, ...typos];
    const simple = `to_tsquery('simple', ${params.add(alternatives(spellings))})`;
    const stems = params.add(alternatives([...new Set([word.forms[0], ...typos])]));
    // Spellings are letters and digits only (tokenize), so none holds a LIKE wildcard.
    const prefixes = word.prefix ? ` || ${prefixSql(params.add(spellings))}` : '';
    return `(${simple}${prefixes} || to_tsquery('russian', ${stems}) || to_tsquery('english', ${stems}))`;
  });
  return words.reduce((left, right) => `tsquery_phrase(${left}, ${right})`);
}

function filterSql(filters: SearchFilters, params: Params): string {
  const out: string[] = [];
  if (filters.locale) out.push(`e."locale" = ${params.add(filters.locale)}`);
  if (filters.tag) out.push(`${params.add(filters.tag)} = ANY(e."tags")`);
  if (filters.region) out.push(`e."region" = ${params.add(filters.region)}`);
  if (filters.statuses?.length) out.push(`e."article_status" = ANY(${params.add(filters.statuses)}::text[])`);
  if (filters.from) out.push(`e."sort_date" >= ${params.add(filters.from.toISOString())}::timestamptz`);
  if (filters.to) out.push(`e."sort_date" < ${params.add(filters.to.toISOString())}::timestamptz`);
  return out.length ? `AND ${out.join(' AND ')}` : '';
}

/**
 * The query candidates are ranked with: every operand of `anyOf` (a tsquery expression) once, joined by |. The
 * spellings, stems and prefix words of a word overlap a lot ('волонтер' is its own simple form, Russian and
 * English stem, and a prefix word), and ts_rank_cd's cost grows with the operands' count, duplicates included:
 * several times cheaper for a typo'd or prefixed word. Operands are read from the tsquery's text form ('lexeme',
 * quotes doubled inside) and cast back without normalising them again. A prefix left as `:*` (see prefixSql)
 * ranks as its exact word: matching it against every lexeme of each candidate costs as much again, for words that
 * are rare by construction (no indexed word begins with it, or so many that the others decide).
 */
function rankingQuery(anyOf: string): string {
  const operands = `(SELECT string_agg(DISTINCT x[1], ' | ')::tsquery FROM regexp_matches((${anyOf})::text, '(''(?:[^'']|'''')+'')', 'g') AS x)`;
  return `coalesce(${operands}, ${anyOf})`;
}

export interface BuiltSearch {
  sql: string;
  params: unknown[];
  facetsSql: string | null;
  facetsParams: unknown[];
}

export interface SearchSqlInput {
  scope: IndexScope;
  query: ParsedQuery;
  /** Typo alternatives per lower-cased raw word. */
  typos: Map<string, string[]>;
  /** 'all': every term must match; 'any': at least one (ranked by how many). */
  mode: 'all' | 'any';
  filters: SearchFilters;
  sort: 'relevance' | 'date';
  offset: number;
  limit: number;
  facets: SearchFacet[];
  /** Lexemes whose first position in the title ranks earlier titles higher. */
  titleLexemes: string[];
  /** The scope's recent windows, smallest first (none before the first rebuild, or in a small scope). */
  windows?: readonly WindowBound[];
}

const COLUMNS = `"article_id", "locale", "version", "article_status", "translation_status", "region", "tags", "published_at", "sort_date", "updated_at", "title", "summary", "body", "slug"`;

/**
 * The search statement. Candidates are found through the GIN indexes with a LIMIT (cheap whatever the number of
 * matches); only they are ranked (ts_rank_cd with title > summary > body, how many terms matched, and how early
 * the title has a match), one row per article (its best translation), then paged.
 */
export function buildSearchSql(input: SearchSqlInput): BuiltSearch {
  const params = new Params();
  const table = entriesTable(input.scope);
  const terms = input.query.terms.map((t) => termSql(t, input.typos, params));
  const combined = terms.map((_, i) => `t${i}`).join(input.mode === 'all' ? ' && ' : ' || ');
  const anyOf = terms.map((_, i) => `t${i}`).join(' || ');
  const filters = filterSql(input.filters, params);
  // How many terms a candidate matches: with every term required, each candidate matches all of them (no need to
  // read its tsvector again to count).
  const matched = input.mode === 'all' ? String(terms.length) : terms.map((_, i) => `(e."tsv" @@ q.t${i})::int`).join(' + ');
  const titleLexemes = params.add(input.titleLexemes);
  const full =
    input.sort === 'date'
      ? `(SELECT e."article_id", e."locale" FROM ${table} e, q WHERE e."tsv" @@ q.m ${filters} ORDER BY e."sort_date" DESC LIMIT ${CANDIDATES})`
      : `(SELECT e."article_id", e."locale" FROM ${table} e, q WHERE e."title_tsv" @@ q.m ${filters} LIMIT ${TITLE_CANDIDATES})
         UNION
         (SELECT e."article_id", e."locale" FROM ${table} e, q WHERE e."tsv" @@ q.m ${filters} LIMIT ${CANDIDATES})`;
  // The recent windows apply to relevance sorting; each bound is a parameter, so each statement's (custom) plan can
  // prove the partial indexes' predicate from it.
  const windows = input.sort === 'relevance' ? (input.windows ?? []) : [];
  const enough = (k: number) => `(SELECT count(*) FROM hot${k}) >= ${HOT_MIN}`;
  const tooFew = (k: number) => `(SELECT count(*) FROM hot${k}) < ${HOT_MIN}`;
  // The first window with enough matches gives the candidates, else the full indexes; a window's scan runs only when
  // every smaller one had too few (one-time filters, evaluated in order).
  const candidates = windows.length
    ? [
        ...windows.map((_, k) => `SELECT * FROM hot${k} WHERE ${[...windows.slice(0, k).map((__, j) => tooFew(j)), enough(k)].join(' AND ')}`),
        `SELECT * FROM (${full}) f WHERE ${windows.map((_, k) => tooFew(k)).join(' AND ')}`,
      ].join('\n       UNION ALL\n       ')
    : full;
  const hotCte = windows
    .map(({ window, since }, k) => {
      const bound = params.add(since.toISOString());
      return `hot${k} AS MATERIALIZED (
         (SELECT e."article_id", e."locale" FROM ${table} e WHERE e."sort_date" >= ${bound}::timestamptz AND ${window.expression('e."title_tsv"')} @@ (SELECT m FROM q) ${filters} LIMIT ${HOT_TITLE_CANDIDATES})
         UNION
         (SELECT e."article_id", e."locale" FROM ${table} e WHERE e."sort_date" >= ${bound}::timestamptz AND ${window.expression('e."tsv"')} @@ (SELECT m FROM q) ${filters} LIMIT ${HOT_CANDIDATES})),`;
    })
    .join('\n    ');
  const cte = `
    WITH t AS MATERIALIZED (SELECT ${terms.map((sql, i) => `${sql} AS t${i}`).join(', ')}),
    q AS (SELECT t.*, (${combined}) AS m, ${rankingQuery(anyOf)} AS o FROM t),
    ${hotCte}
    cand AS MATERIALIZED (${candidates}),
    scored AS (
      SELECT e."article_id", e."locale", e."sort_date", e."region", e."tags", e."article_status", (${matched}) AS words,
        ts_rank_cd('{0.1, 0.2, 0.4, 1.0}', e."tsv", q.o)
          -- (positions are sorted: the first is the earliest; a title without any match of the query has none)
          + 0.5 / (1 + CASE WHEN e."title_tsv" @@ q.o
                        THEN coalesce((SELECT min(u.positions[1]) FROM unnest(e."title_tsv") AS u(lexeme, positions, weights)
                                       WHERE u.lexeme = ANY(${titleLexemes}::text[])), 1000)
                        ELSE 1000 END) AS score
      FROM cand JOIN ${table} e USING ("article_id", "locale"), q
    ),
    best AS (SELECT DISTINCT ON ("article_id") * FROM scored ORDER BY "article_id", words DESC, score DESC, "locale")`;
  const order = input.sort === 'date' ? `"sort_date" DESC, "article_id"` : `words DESC, score DESC, "sort_date" DESC, "article_id"`;
  // Ranking and de-duplication carry narrow rows; the wide columns (texts) are read for the returned page only.
  const sql = `${cte},
    page AS (
      SELECT "article_id", "locale", words, score, count(*) OVER () AS total
      FROM best ORDER BY ${order} LIMIT ${params.add(input.limit)} OFFSET ${params.add(input.offset)}
    )
    SELECT ${COLUMNS.split(', ').map((c) => `e.${c}`).join(', ')}, page.words, page.score, page.total, (SELECT count(*) FROM cand) AS candidates,
      ${windows.length ? windows.map((_, k) => enough(k)).join(' OR ') : 'false'} AS windowed
    FROM page JOIN ${table} e USING ("article_id", "locale")
    ORDER BY ${order.replace(/"sort_date"/g, 'e."sort_date"').replace(/"article_id"/g, 'e."article_id"').replace(/\bwords\b/g, 'page.words').replace(/\bscore\b/g, 'page.score')}`;
  const facetsParams = params.values.slice(0, -2);
  let facetsSql: string | null = null;
  if (input.facets.length > 0) {
    const parts: string[] = [];
    if (input.facets.includes('locale')) parts.push(`SELECT 'locale' AS facet, "locale" AS value, count(*) AS n FROM best GROUP BY 2`);
    if (input.facets.includes('tag')) parts.push(`SELECT 'tag', tag, count(*) FROM best, unnest("tags") AS tag GROUP BY 2`);
    if (input.facets.includes('region')) parts.push(`SELECT 'region', "region", count(*) FROM best WHERE "region" IS NOT NULL GROUP BY 2`);
    if (input.facets.includes('status')) parts.push(`SELECT 'status', "article_status", count(*) FROM best GROUP BY 2`);
    facetsSql = `${cte} ${parts.join(' UNION ALL ')}`;
  }
  return { sql, params: params.values, facetsSql, facetsParams };
}
