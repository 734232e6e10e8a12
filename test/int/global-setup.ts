import '../register-paths';
import 'reflect-metadata';
import { createDatabase, newTemplateDatabaseName } from '@birgemiz/testing';
import { migrateAll } from '../../scripts/migrate';

/**
 * Migrates once into a template database of this run; each int test file clones it (CREATE DATABASE … TEMPLATE),
 * so files run in parallel without shared state.
 */
export default async function globalSetup(): Promise<void> {
  const url = await createDatabase(newTemplateDatabaseName());
  await migrateAll(url);
}
