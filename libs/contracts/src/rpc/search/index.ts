export * from './search-query';
export * from './index-admin';
