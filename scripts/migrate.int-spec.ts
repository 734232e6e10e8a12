import 'reflect-metadata';
import { pendingMigrations, revertLastMigration, runMigrations } from '@birgemiz/database';
import { createDatabase, dropDatabase, uniqueSuffix } from '@birgemiz/testing';
import { Client } from 'pg';
import { MIGRATED_APPS } from './migrate';

async function tablesOf(url: string, schema: string): Promise<string[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ table_name: string }>(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY table_name`,
      [schema],
    );
    return rows.map((r) => r.table_name);
  } finally {
    await client.end();
  }
}

describe('migrations (real PostgreSQL)', () => {
  const name = `birgemiz_migrations_${uniqueSuffix()}`;
  let url: string;

  beforeAll(async () => {
    url = await createDatabase(name);
  });

  afterAll(async () => {
    await dropDatabase(name);
  });

  it.each(Object.keys(MIGRATED_APPS))('%s: up, down to nothing, and up again', async (app) => {
    const options = MIGRATED_APPS[app](url);
    const schema = (options as { schema: string }).schema;
    const migrations = (options.migrations as unknown[]).length;

    const first = await runMigrations(options);
    expect(first.applied).toHaveLength(migrations);
    expect(await pendingMigrations(options)).toEqual([]);
    const tables = await tablesOf(url, schema);
    expect(tables).toContain('migrations');

    for (let i = 0; i < migrations; i++) await revertLastMigration(options);
    expect(await tablesOf(url, schema)).toEqual(['migrations']);
    expect(await pendingMigrations(options)).toHaveLength(migrations);

    const again = await runMigrations(options);
    expect(again.applied).toHaveLength(migrations);
    expect(await tablesOf(url, schema)).toEqual(tables);
    expect((await runMigrations(options)).applied).toEqual([]);
  });

  it('keeps each app in its own schema', async () => {
    expect(await tablesOf(url, 'news')).toEqual(expect.arrayContaining(['outbox_events', 'migrations']));
    expect(await tablesOf(url, 'volunteers')).toEqual(expect.arrayContaining(['staff_accounts', 'refresh_tokens', 'outbox_events']));
    expect(await tablesOf(url, 'public')).toEqual([]);
  });
});
