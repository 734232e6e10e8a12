import { Client } from 'pg';
import { testInfra, uniqueSuffix } from './test-env';
import { retrying } from './wait-for';

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

async function onAdminConnection<T>(fn: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: testInfra.databaseUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function assertIdentifier(name: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) throw new Error(`bad database name ${name}`);
}

/**
 * DROP DATABASE … WITH (FORCE) on an admin connection. FORCE ends the database's sessions, but this role may not end
 * an autovacuum worker (SQLSTATE 42501), which runs there after heavy writes for a moment: wait and try again.
 */
export async function forceDropDatabase(client: Pick<Client, 'query'>, name: string, attempts = 40): Promise<void> {
  assertIdentifier(name);
  await retrying(() => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`), (error) => (error as { code?: string }).code === '42501', {
    attempts,
    intervalMs: 250,
  });
}

/** Creates an empty database and returns its URL. */
export async function createDatabase(name: string): Promise<string> {
  assertIdentifier(name);
  await onAdminConnection(async (client) => {
    await forceDropDatabase(client, name);
    await client.query(`CREATE DATABASE "${name}"`);
  });
  return withDatabase(testInfra.databaseUrl, name);
}

/**
 * Clones the migrated template into a database of its own (one per test file), so files run in parallel
 * without sharing state. Returns its URL and a function that drops it.
 */
export async function cloneTemplateDatabase(template: string, prefix = 'birgemiz_t'): Promise<{ url: string; name: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${uniqueSuffix()}`;
  assertIdentifier(name);
  assertIdentifier(template);
  await onAdminConnection((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`));
  return {
    name,
    url: withDatabase(testInfra.databaseUrl, name),
    drop: () => dropDatabase(name),
  };
}

export async function dropDatabase(name: string): Promise<void> {
  assertIdentifier(name);
  await onAdminConnection((client) => forceDropDatabase(client, name));
}

const TEMPLATE_ENV = 'BIRGEMIZ_TEST_TEMPLATE';

/** Names this run's template database (unique, so concurrent runs never drop each other's template). */
export function newTemplateDatabaseName(): string {
  const name = `birgemiz_tpl_${uniqueSuffix()}`;
  process.env[TEMPLATE_ENV] = name;
  return name;
}

/** The migrated template database prepared by the int tier's global setup for this run. */
export function templateDatabase(): string {
  const name = process.env[TEMPLATE_ENV];
  if (!name) throw new Error(`${TEMPLATE_ENV} is not set: run int tests through jest --selectProjects int`);
  return name;
}
