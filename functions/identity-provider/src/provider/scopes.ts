import { KNOWN_SCOPES } from '@platform/portal-registry';

/**
 * The claims each scope releases. The scope list itself is the portal registry's (`KNOWN_SCOPES`), so a portal can
 * only be registered for scopes the provider serves. `enterprise` releases a company's USCC and name (legal persons
 * signed in with an enterprise certificate); `realname` whether the person's real name was verified, and the name;
 * `idcard` the full citizen ID number (natural persons; both in `provider/find-subject.ts`, from UserInfo only, each
 * release audited, and `idcard` never without the person's explicit consent: `provider/assurance-policy.ts`).
 * `operator` releases, for a person who chose to act for a company that authorised them, subject kind `operator` and
 * the company's USCC and name (`operators/operator-claims.ts`); `email` releases nothing because the platform verifies no e-mail.
 */
export const CLAIMS_BY_SCOPE = {
  // Every ID token says how and when the person signed in, whatever else was asked for.
  openid: ['sub', 'acr', 'amr', 'auth_time'],
  phone: ['phone_number', 'phone_number_verified'],
  profile: ['platform_subject_kind'],
  enterprise: ['platform_uscc', 'platform_company_name'],
  realname: ['platform_real_name_verified', 'name'],
  idcard: ['platform_citizen_id'],
  // A person acting for a company: the company's USCC and name, under the names the company itself gets.
  operator: ['platform_subject_kind', 'platform_uscc', 'platform_company_name'],
} as const;

/** Scopes whose release the person consents to on every request, first-party portal or not. */
export const ALWAYS_CONSENTED_SCOPES: readonly string[] = ['idcard'];

export const PROVIDER_SCOPES: string[] = [...KNOWN_SCOPES];

export { PAYMENTS_SCOPES } from '@platform/portal-registry';
