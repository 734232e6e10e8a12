import { DataSource, type DataSourceOptions } from 'typeorm';

export interface MigrationReport {
  schema: string;
  applied: string[];
}

function schemaOf(options: DataSourceOptions): string {
  const schema = (options as { schema?: string }).schema;
  if (!schema || !/^[a-z_][a-z0-9_]*$/.test(schema)) throw new Error(`invalid schema name ${String(schema)}`);
  return schema;
}

/** Creates the app's schema when missing and applies pending migrations, each in its own transaction. */
export async function runMigrations(options: DataSourceOptions): Promise<MigrationReport> {
  const schema = schemaOf(options);
  const dataSource = new DataSource({ ...options, extra: { ...((options as { extra?: object }).extra ?? {}), max: 2 } });
  await dataSource.initialize();
  try {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return { schema, applied: applied.map((m) => m.name) };
  } finally {
    await dataSource.destroy();
  }
}

/** Reverts the last applied migration of the app. */
export async function revertLastMigration(options: DataSourceOptions): Promise<void> {
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  try {
    await dataSource.undoLastMigration({ transaction: 'each' });
  } finally {
    await dataSource.destroy();
  }
}

/** Names of migrations not yet applied. */
export async function pendingMigrations(options: DataSourceOptions): Promise<string[]> {
  const schema = schemaOf(options);
  const dataSource = new DataSource(options);
  await dataSource.initialize();
  try {
    await dataSource.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    const executed = new Set<string>(
      (await dataSource.query(`SELECT to_regclass('"${schema}".migrations') IS NOT NULL AS present`))[0].present
        ? (await dataSource.query(`SELECT name FROM "${schema}".migrations`)).map((r: { name: string }) => r.name)
        : [],
    );
    return dataSource.migrations.map((m) => m.name ?? m.constructor.name).filter((n) => !executed.has(n));
  } finally {
    await dataSource.destroy();
  }
}
