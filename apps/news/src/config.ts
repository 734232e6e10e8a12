import { databaseConfig, kafkaConfig, loadConfig, runtimeConfig } from '@birgemiz/config';

export const newsConfigShape = { ...runtimeConfig, ...kafkaConfig, ...databaseConfig };

export type NewsConfig = ReturnType<typeof loadNewsConfig>;

export function loadNewsConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(newsConfigShape, env);
}

export const NEWS_CONFIG = Symbol('NEWS_CONFIG');
