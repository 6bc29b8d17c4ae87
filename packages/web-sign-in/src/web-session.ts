/**
 * A person signed in at a page function: who (`sub`, at which level), the ID token to end their provider session
 * with, a CSRF token for the page's forms, and the page's own `profile` of them — what `profile` in the options
 * chose to keep (derived values such as a blind index and masked forms, never an identifier in clear). It lives
 * in a sealed cookie: the page function keeps no session store.
 */
export interface WebSession<Profile> {
  readonly sub: string;
  readonly acr?: string;
  readonly amr?: readonly string[];
  readonly idToken: string;
  /** Random per session; forms carry it back (`WebSignIn.csrfValid`). */
  readonly csrf: string;
  readonly signedInAt: string;
  readonly expiresAt: string;
  readonly profile: Profile;
}
