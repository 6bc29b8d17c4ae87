export * from './http-handler.ts';
export * from './json-response.ts';
export * from './page-handler.ts';
export * from './problem.ts';
export * from './problem-details-middleware.ts';
