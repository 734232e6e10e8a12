export * from './auth';
export * from './health';
export * from './pagination';
export * from './news';
export * from './volunteers';
export * from './search';
export * from './notifications';
