export { COOKIE_KEY_BYTES, CookieSealer } from './cookie-sealer.ts';
export { type CookieScope, cookieHeader, readCookies } from './cookies.ts';
export { type SignInFailure, WebSignInConfigurationError, WebSignInError } from './errors.ts';
export { localPathOr } from './local-path.ts';
export type { WebSession } from './web-session.ts';
export {
  type SignedInPerson,
  type WebRedirect,
  type WebRequest,
  WebSignIn,
  type WebSignInOptions,
} from './web-sign-in.ts';
export { loadWebSignInKeysFile, parseWebSignInKeys, type WebSignInKeys } from './web-sign-in-keys.ts';
