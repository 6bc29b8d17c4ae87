import { RegistrationError, type RegistrationErrorCode } from './registration-error.ts';

/** Hosts for which plain http is tolerated: a developer's own machine, never a network. */
export const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

export interface UriErrorCodes {
  readonly invalid: RegistrationErrorCode;
  readonly insecure: RegistrationErrorCode;
}

export const REDIRECT_URI_CODES: UriErrorCodes = { invalid: 'invalid_redirect_uri', insecure: 'insecure_redirect_uri' };
export const ENDPOINT_URI_CODES: UriErrorCodes = { invalid: 'invalid_uri', insecure: 'insecure_uri' };

/**
 * Checks one URI a client registers (redirect, post-logout redirect, back-channel logout, JWKS) and returns it
 * unchanged: the provider matches redirect URIs as exact strings, so what is stored is exactly what was given.
 * Rules: absolute, https (http only on a loopback host), a host, no credentials, no fragment, no wildcard.
 */
export const checkClientUri = (value: unknown, field: string, codes: UriErrorCodes): string => {
  if (typeof value !== 'string' || value.length === 0)
    throw new RegistrationError(codes.invalid, 'must be a URI', field);
  if (value.length > 2000) throw new RegistrationError(codes.invalid, 'is longer than 2000 characters', field);
  if (/[\s\p{Cc}]/u.test(value)) throw new RegistrationError(codes.invalid, 'must not contain spaces', field);
  if (value.includes('*')) throw new RegistrationError(codes.invalid, `no wildcards: "${value}"`, field);
  if (value.includes('#')) throw new RegistrationError(codes.invalid, `must not have a fragment: "${value}"`, field);
  const url = URL.parse(value);
  if (!url) throw new RegistrationError(codes.invalid, `is not an absolute URI: "${value}"`, field);
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw new RegistrationError(codes.invalid, `must use https: "${value}"`, field);
  if (!url.hostname) throw new RegistrationError(codes.invalid, `has no host: "${value}"`, field);
  if (url.username || url.password)
    throw new RegistrationError(codes.invalid, `must not carry credentials: "${value}"`, field);
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname))
    throw new RegistrationError(
      codes.insecure,
      `must use https; http is allowed only on localhost, 127.0.0.1 or [::1]: "${value}"`,
      field,
    );
  return value;
};
