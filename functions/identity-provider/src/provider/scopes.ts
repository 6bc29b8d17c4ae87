import { KNOWN_SCOPES } from '@platform/portal-registry';

/**
 * The claims each scope releases. The scope list itself is the portal registry's (`KNOWN_SCOPES`), so a portal can
 * only be registered for scopes the provider serves. `enterprise` releases a company's USCC and name (legal persons
 * signed in with an enterprise certificate; `provider/find-subject.ts`); `realname`, `idcard` and `operator` release
 * nothing until real-name verification exists; `email` releases nothing because the platform verifies no e-mail.
 */
export const CLAIMS_BY_SCOPE = {
  // Every ID token says how and when the person signed in, whatever else was asked for.
  openid: ['sub', 'acr', 'amr', 'auth_time'],
  phone: ['phone_number', 'phone_number_verified'],
  profile: ['platform_subject_kind'],
  enterprise: ['platform_uscc', 'platform_company_name'],
} as const;

export const PROVIDER_SCOPES: string[] = [...KNOWN_SCOPES];

export { PAYMENTS_SCOPES } from '@platform/portal-registry';
