export * from './dynamodb-local.ts';
export * from './errors.ts';
export * from './java.ts';
export * from './ports.ts';
