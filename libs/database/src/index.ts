export * from './data-source-options';
export * from './migrator';
export * from './outbox.repository';
