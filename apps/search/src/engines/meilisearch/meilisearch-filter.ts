import type { SearchFilters } from '../search-engine';

/**
 * Meilisearch filter expressions are strings: values are never pasted in. Every value here has passed the
 * request schema (enums, uuids, tag pattern) and is still quoted and escaped; field names are constants.
 */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function articleIdsFilter(ids: readonly string[]): string {
  for (const id of ids) if (!UUID.test(id)) throw new Error(`not an article id: ${id}`);
  return `articleId IN [${ids.map(quoteFilterValue).join(', ')}]`;
}

/** Filter as an array of conditions (Meilisearch ANDs them). */
export function buildFilter(filters: SearchFilters): string[] {
  const out: string[] = [];
  if (filters.locale) out.push(`locale = ${quoteFilterValue(filters.locale)}`);
  if (filters.tag) out.push(`tags = ${quoteFilterValue(filters.tag)}`);
  if (filters.region) out.push(`region = ${quoteFilterValue(filters.region)}`);
  if (filters.statuses?.length) out.push(`articleStatus IN [${filters.statuses.map(quoteFilterValue).join(', ')}]`);
  // sortDate is stored in milliseconds (MeiliDocument), the bounds' own precision: `to` is exclusive.
  if (filters.from) out.push(`sortDate >= ${filters.from.getTime()}`);
  if (filters.to) out.push(`sortDate < ${filters.to.getTime()}`);
  return out;
}
