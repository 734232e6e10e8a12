import { databaseConfig, kafkaConfig, loadConfig, runtimeConfig, searchEngineConfig } from '@birgemiz/config';

export const searchConfigShape = { ...runtimeConfig, ...kafkaConfig, ...databaseConfig, ...searchEngineConfig };

export type SearchConfig = ReturnType<typeof loadSearchConfig>;

export function loadSearchConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(searchConfigShape, env);
}

export const SEARCH_CONFIG = Symbol('SEARCH_CONFIG');

/** Meilisearch when MEILISEARCH_URL is set, otherwise the PostgreSQL full-text engine. */
export function searchEngineKind(config: SearchConfig): 'meilisearch' | 'postgres' {
  return config.MEILISEARCH_URL ? 'meilisearch' : 'postgres';
}
