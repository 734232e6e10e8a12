export const INSTANCE_ID = Symbol('INSTANCE_ID');
