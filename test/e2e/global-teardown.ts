import '../register-paths';
import { dropDatabase } from '@birgemiz/testing';
import { APPS, readState, stopApp } from './platform';

/** Stops every app gracefully (they leave their consumer groups) and drops the run's database. */
export default async function globalTeardown(): Promise<void> {
  const state = readState();
  await Promise.all(APPS.map((app) => stopApp(state.pids[app], 'SIGTERM')));
  await dropDatabase(state.databaseName);
}
