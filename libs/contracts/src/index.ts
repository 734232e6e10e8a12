export * from './topics';
export * from './patterns';
export * from './locales';
export * from './regions';
export * from './cloud-event';
export * from './events';
export * from './rpc';
export * from './asyncapi';
