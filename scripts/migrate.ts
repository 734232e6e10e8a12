/**
 * Applies (or reverts) the database migrations of every app that owns a schema, as an explicit step:
 *   node dist/scripts/migrate.js [run|revert|status] [--app news|volunteers|search]
 * DATABASE_URL selects the database (default: the local development database).
 */
import 'reflect-metadata';
import { pendingMigrations, revertLastMigration, runMigrations } from '@birgemiz/database';
import type { DataSourceOptions } from 'typeorm';
import { newsDataSourceOptions } from '../apps/news/src/database/data-source';
import { searchDataSourceOptions } from '../apps/search/src/database/data-source';
import { volunteersDataSourceOptions } from '../apps/volunteers/src/database/data-source';

const DEFAULT_URL = 'postgres://birgemiz:birgemiz@127.0.0.1:5432/birgemiz';

export const MIGRATED_APPS: Record<string, (url: string) => DataSourceOptions> = {
  news: (url) => newsDataSourceOptions(url, 2),
  volunteers: (url) => volunteersDataSourceOptions(url, 2),
  search: (url) => searchDataSourceOptions(url, 2),
};

export async function migrateAll(url: string, log: (line: string) => void = () => undefined): Promise<void> {
  for (const [app, options] of Object.entries(MIGRATED_APPS)) {
    const report = await runMigrations(options(url));
    log(`[migrate] ${app}: ${report.applied.length ? `applied ${report.applied.join(', ')}` : 'up to date'}`);
  }
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const command = args.find((a) => !a.startsWith('--')) ?? 'run';
  const appIndex = args.indexOf('--app');
  const only = appIndex >= 0 ? args[appIndex + 1] : undefined;
  if (only && !MIGRATED_APPS[only]) throw new Error(`unknown app ${only}; one of ${Object.keys(MIGRATED_APPS).join(', ')}`);
  const url = process.env.DATABASE_URL || DEFAULT_URL;
  const apps = only ? [only] : Object.keys(MIGRATED_APPS);
  const print = (line: string) => process.stdout.write(`${line}\n`);
  switch (command) {
    case 'run':
      if (only) {
        const report = await runMigrations(MIGRATED_APPS[only](url));
        print(`[migrate] ${only}: ${report.applied.length ? `applied ${report.applied.join(', ')}` : 'up to date'}`);
      } else {
        await migrateAll(url, print);
      }
      break;
    case 'revert':
      for (const app of [...apps].reverse()) {
        await revertLastMigration(MIGRATED_APPS[app](url));
        print(`[migrate] ${app}: reverted the last migration`);
      }
      break;
    case 'status':
      for (const app of apps) {
        const pending = await pendingMigrations(MIGRATED_APPS[app](url));
        print(`[migrate] ${app}: ${pending.length ? `pending ${pending.join(', ')}` : 'up to date'}`);
      }
      break;
    default:
      throw new Error(`unknown command ${command}; use run, revert or status`);
  }
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`[migrate] failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
}
