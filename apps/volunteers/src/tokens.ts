export const INSTANCE_ID = Symbol('INSTANCE_ID');
export const REDIS = Symbol('REDIS');
/** The app's pino logger (the outbox relay logs through it). */
export const VOLUNTEERS_LOGGER = Symbol('VOLUNTEERS_LOGGER');
