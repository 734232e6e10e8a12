import { z } from 'zod';

export const healthPingRequestSchema = z.object({}).passthrough();

export interface HealthPingResponse {
  service: string;
  instanceId: string;
  status: 'ok' | 'degraded';
  uptimeSeconds: number;
  checks: Record<string, 'ok' | 'down'>;
}
