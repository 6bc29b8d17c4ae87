export * from './document-client.ts';
export { FastDynamoDBDocumentClient, type FastPathOptions } from './fast-document-client.ts';
export * from './storage-errors.ts';
