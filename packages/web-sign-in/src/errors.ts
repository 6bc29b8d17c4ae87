/**
 * Why a sign-in did not complete. `expired`: the short-lived sign-in cookie is gone or too old (the person took more
 * than ten minutes, or came back in another browser); `refused`: the provider answered with an error (the person
 * declined consent, or could not reach the level asked for); `invalid`: the answer failed validation (state, nonce,
 * signature, PKCE) — a replayed or forged callback. None of them signs anyone in.
 */
export type SignInFailure = 'expired' | 'refused' | 'invalid';

export class WebSignInError extends Error {
  readonly failure: SignInFailure;
  /** The provider's `error` code, for `refused` (`access_denied`, `login_required`, …). */
  readonly providerError?: string;

  constructor(failure: SignInFailure, message: string, options: { providerError?: string; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'WebSignInError';
    this.failure = failure;
    if (options.providerError !== undefined) this.providerError = options.providerError;
  }
}

/** The sign-in's keys or settings are missing or malformed: a deployment fault, raised before any request is served. */
export class WebSignInConfigurationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'WebSignInConfigurationError';
  }
}
