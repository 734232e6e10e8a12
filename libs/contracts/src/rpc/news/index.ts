export * from './article-input';
export * from './article-read';
export * from './comments';
