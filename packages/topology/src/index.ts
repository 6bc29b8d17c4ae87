export * from './contexts.ts';
export * from './functions.ts';
export * from './local-ports.ts';
export * from './queues.ts';
export * from './stages.ts';
export * from './tables.ts';
