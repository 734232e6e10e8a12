import { Client } from 'pg';
import { testInfra, uniqueSuffix } from './test-env';

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

/** Creates an empty database and returns its URL. */
export async function createDatabase(name: string): Promise<string> {
  assertIdentifier(name);
  await onAdminConnection(async (client) => {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
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
  await onAdminConnection((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
}

/** Name of the migrated template database the int tier's global setup prepares. */
export const TEMPLATE_DATABASE = 'birgemiz_test_template';
