import { applicationsConfig, bootstrapAdminConfig, databaseConfig, jwtConfig, kafkaConfig, loadConfig, notificationsConfig, redisConfig, runtimeConfig } from '@birgemiz/config';

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
  return loadConfig(volunteersConfigShape, env);
}

export const VOLUNTEERS_CONFIG = Symbol('VOLUNTEERS_CONFIG');
