export * from './client-metadata.ts';
export * from './client-secret.ts';
export * from './known-scopes.ts';
export * from './portal.ts';
export * from './portal-registry.ts';
export * from './registration-error.ts';
export { CLIENT_ID_PATTERN, DEPARTMENT_CODE_PATTERN, validateRegistration } from './validate-registration.ts';
