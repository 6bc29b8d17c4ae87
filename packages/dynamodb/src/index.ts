export * from './document-client.ts';
export * from './storage-errors.ts';
