import type { Provider } from '@nestjs/common';
import type { Logger } from 'pino';
import { VOLUNTEERS_CONFIG, type VolunteersConfig } from './config';

export const INSTANCE_ID = Symbol('INSTANCE_ID');
export const REDIS = Symbol('REDIS');
/** The app's pino logger (the outbox relay logs through it). */
export const VOLUNTEERS_LOGGER = Symbol('VOLUNTEERS_LOGGER');

/** What every process of the volunteers service provides to all of its modules (main.ts and notification-worker.ts). */
export const PROCESS_TOKENS = [VOLUNTEERS_CONFIG, INSTANCE_ID, VOLUNTEERS_LOGGER];

export function processProviders(config: VolunteersConfig, instanceId: string, logger: Logger): Provider[] {
  return [
    { provide: VOLUNTEERS_CONFIG, useValue: config },
    { provide: INSTANCE_ID, useValue: instanceId },
    { provide: VOLUNTEERS_LOGGER, useValue: logger },
  ];
}
