import {
  applicationsConfig,
  bootstrapAdminConfig,
  databaseConfig,
  dkimConfigCheck,
  jwtConfig,
  kafkaConfig,
  loadConfig,
  notificationsConfig,
  redisConfig,
  runtimeConfig,
} from '@birgemiz/config';

export const volunteersConfigShape = {
  ...runtimeConfig,
  ...kafkaConfig,
  ...databaseConfig,
  ...redisConfig,
  ...jwtConfig,
  ...bootstrapAdminConfig,
  ...applicationsConfig,
  ...notificationsConfig,
};

export type VolunteersConfig = ReturnType<typeof loadVolunteersConfig>;

export function loadVolunteersConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(volunteersConfigShape, env, [dkimConfigCheck]);
}

export const VOLUNTEERS_CONFIG = Symbol('VOLUNTEERS_CONFIG');
