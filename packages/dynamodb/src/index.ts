export { standardRetryPolicy } from '@platform/aws-json';
export * from './document-client.ts';
export * from './document-commands.ts';
export { fromAttributes } from './document-marshalling.ts';
export * from './storage-errors.ts';
