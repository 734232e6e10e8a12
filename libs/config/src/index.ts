export * from './dkim';
export * from './load-config';
export * from './schemas';
