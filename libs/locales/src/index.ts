export * from './fallback';
