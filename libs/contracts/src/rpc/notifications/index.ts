export * from './queues';
export * from './subscriptions';
export * from './operations';
