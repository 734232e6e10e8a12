import { applicationsConfig, loadConfig } from '@birgemiz/config';

/** Rate limits of the public application form (validated with the rest of the environment at start-up). */
export const APPLICATIONS_HTTP_CONFIG = Symbol('APPLICATIONS_HTTP_CONFIG');
export type ApplicationsHttpConfig = ReturnType<typeof loadApplicationsHttpConfig>;

export function loadApplicationsHttpConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(applicationsConfig, env);
}

export const applicationsHttpConfigProvider = { provide: APPLICATIONS_HTTP_CONFIG, useFactory: () => loadApplicationsHttpConfig() };
