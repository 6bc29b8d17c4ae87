/** Cookie values this portal sets are base64url ids and locale tags; anything else in the header is ignored. */
const COOKIE_VALUE = /^[A-Za-z0-9_-]{1,200}$/;

/** Name to value; the first of several same-named cookies wins (the browser sends the most specific path first). */
export const parseCookies = (header: string | undefined): Map<string, string> => {
  const cookies = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const separator = part.indexOf('=');
    if (separator < 0) continue;
    const name = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (name !== '' && COOKIE_VALUE.test(value) && !cookies.has(name)) cookies.set(name, value);
  }
  return cookies;
};

export interface CookieAttributes {
  readonly path: string;
  /** Seconds; 0 deletes the cookie. */
  readonly maxAge: number;
  readonly secure: boolean;
}

/**
 * Every cookie of the portals is HttpOnly (no script ever reads it) and SameSite=Lax: sent on the top-level
 * redirect back from the provider, never on a cross-site POST.
 */
export const serializeCookie = (name: string, value: string, attributes: CookieAttributes): string =>
  `${name}=${value}; Path=${attributes.path}; Max-Age=${attributes.maxAge}; HttpOnly; SameSite=Lax${attributes.secure ? '; Secure' : ''}`;
