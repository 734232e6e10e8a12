import { httpConfig, jwtConfig, kafkaConfig, loadConfig, notificationQueuesConfig, redisConfig, runtimeConfig } from '@birgemiz/config';
import { z } from 'zod';

/** The admins' queue dashboard (Bull Board) at /admin/queues. */
const queueDashboardConfig = {
  ...notificationQueuesConfig,
  QUEUE_DASHBOARD: z.enum(['true', 'false']).default('true').transform((v) => v === 'true'),
};

export const gatewayConfigShape = { ...runtimeConfig, ...kafkaConfig, ...redisConfig, ...jwtConfig, ...httpConfig, ...queueDashboardConfig };

export type GatewayConfig = ReturnType<typeof loadGatewayConfig>;

export function loadGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  return loadConfig(gatewayConfigShape, env);
}

export const GATEWAY_CONFIG = Symbol('GATEWAY_CONFIG');
