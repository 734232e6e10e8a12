export const INSTANCE_ID = Symbol('INSTANCE_ID');
export const REDIS = Symbol('REDIS');
