export * from './batch-loader';
export * from './data-source-options';
export * from './migrator';
export * from './outbox.repository';
