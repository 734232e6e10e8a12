import '../register-paths';
import 'reflect-metadata';
import { createDatabase, TEMPLATE_DATABASE } from '@birgemiz/testing';
import { migrateAll } from '../../scripts/migrate';

/** Migrates once into a template database; each int test file clones it (CREATE DATABASE … TEMPLATE). */
export default async function globalSetup(): Promise<void> {
  const url = await createDatabase(TEMPLATE_DATABASE);
  await migrateAll(url);
}
