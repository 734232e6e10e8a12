export const INSTANCE_ID = Symbol('INSTANCE_ID');
export const REDIS = Symbol('REDIS');
export const SERVICES_CLIENT = Symbol('SERVICES_CLIENT');
