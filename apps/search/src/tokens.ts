export const INSTANCE_ID = Symbol('INSTANCE_ID');
export const SEARCH_LOGGER = Symbol('SEARCH_LOGGER');
/** Topics and consumer group of the event indexer (overridable in tests). */
export const INDEXER_OPTIONS = Symbol('INDEXER_OPTIONS');
