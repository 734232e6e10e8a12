export * from './test-env';
export * from './wait-for';
export * from './databases';
export * from './kafka';
export * from './logger';
export * from './sample-forms';
