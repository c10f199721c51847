export * from './errors';
export * from './events';
export * from './webhook';
export * from './webhook-service';
