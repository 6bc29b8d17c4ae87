export { DemoPortalError } from './demo-portal-error.ts';
export { generatePortalKey, type PublicPortalJwk, publicPortalJwk } from './portal-key.ts';
export {
  DEFAULT_SCOPES,
  DEMO_PORTALS,
  type DemoPortalId,
  type DemoPortalOptions,
  type LocalizedName,
} from './portal-options.ts';
export { DEMO_PORTAL_SCOPES, type DemoPortalRegistration, demoPortalRegistration } from './registration.ts';
export { type RunningDemoPortal, startDemoPortal } from './start-demo-portal.ts';
