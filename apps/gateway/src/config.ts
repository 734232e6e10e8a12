import { httpConfig, jwtConfig, kafkaConfig, loadConfig, redisConfig, runtimeConfig } from '@birgemiz/config';

export const gatewayConfigShape = { ...runtimeConfig, ...kafkaConfig, ...redisConfig, ...jwtConfig, ...httpConfig };

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(gatewayConfigShape, env);
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
