import type { Pool } from 'pg';
import type { DataSource, DataSourceOptions, MixedList, EntitySchema } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

export interface PostgresOptionsInput {
  url: string;
  /** The PostgreSQL schema the app owns; its tables and its migrations table live there. */
  schema: string;
  entities: MixedList<Function | string | EntitySchema>;
  migrations: MixedList<Function | string>;
  poolSize?: number;
  applicationName: string;
}

/** One place for the TypeORM settings every app uses: never synchronize, migrations are an explicit step. */
export function postgresOptions(input: PostgresOptionsInput): DataSourceOptions {
  return {
    type: 'postgres',
    url: input.url,
    schema: input.schema,
    entities: input.entities,
    migrations: input.migrations,
    migrationsTableName: 'migrations',
    migrationsRun: false,
    synchronize: false,
    logging: ['error'],
    applicationName: input.applicationName,
    extra: {
      max: input.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      statement_timeout: 30_000,
    },
  };
}

/**
 * The pg pool behind an initialised data source, for the few hot statements that skip TypeORM's query runner (named,
 * prepared statements; one checked-out client for a short transaction). Repositories only.
 */
export function pgPoolOf(dataSource: DataSource): Pool {
  return (dataSource.driver as PostgresDriver).master as Pool;
}
