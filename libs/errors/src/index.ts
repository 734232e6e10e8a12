export * from './error-code';
export * from './domain-error';
export * from './messages';
export * from './zod-issues';
