import { postgresOptions } from '@birgemiz/database';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { CreateSearchIndex1764500000000 } from './migrations/1764500000000-create-search-index';
import { IndexWordPrefixes1764600000000 } from './migrations/1764600000000-index-word-prefixes';

export const SEARCH_SCHEMA = 'search';

/** The search service's data source (its PostgreSQL engine's index lives in schema "search"). */
export function searchDataSourceOptions(url: string, poolSize?: number): DataSourceOptions {
  const options = postgresOptions({
    url,
    schema: SEARCH_SCHEMA,
    applicationName: 'birgemiz-search',
    poolSize,
    entities: [],
    migrations: [CreateSearchIndex1764500000000, IndexWordPrefixes1764600000000],
  });
  // Every session without JIT: search statements are short, and compiling them would cost more than running them
  // (set per connection, so a search needs no extra round trip for it).
  return { ...options, extra: { ...(options.extra as object), options: '-c jit=off' } } as DataSourceOptions;
}

export const searchDataSource = new DataSource(
  searchDataSourceOptions(process.env.DATABASE_URL ?? 'postgres://birgemiz:birgemiz@127.0.0.1:5432/birgemiz'),
);
