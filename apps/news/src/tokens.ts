export const INSTANCE_ID = Symbol('INSTANCE_ID');
export const NEWS_LOGGER = Symbol('NEWS_LOGGER');
