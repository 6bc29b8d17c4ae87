/** Name to value from API Gateway's `cookies` (HTTP API v2 moves the `Cookie` header there); the first wins. */
export const readCookies = (event: {
  readonly cookies?: readonly string[];
  readonly headers?: Readonly<Record<string, string | undefined>>;
}): Map<string, string> => {
  const parts = event.cookies ?? (event.headers?.cookie ?? '').split(/;\s*/);
  const cookies = new Map<string, string>();
  for (const part of parts) {
    const separator = part.indexOf('=');
    if (separator <= 0) continue;
    const name = part.slice(0, separator).trim();
    if (!cookies.has(name)) cookies.set(name, part.slice(separator + 1).trim());
  }
  return cookies;
};

export interface CookieScope {
  readonly path: string;
  /** Off only for loopback development over plain HTTP, where a `Secure` cookie would never come back. */
  readonly secure: boolean;
}

/**
 * HttpOnly (no script reads it) and SameSite=Lax: sent on the top-level redirect back from the identity provider,
 * never with a cross-site POST. `maxAgeSeconds` 0 deletes it.
 */
export const cookieHeader = (name: string, value: string, scope: CookieScope, maxAgeSeconds: number): string =>
  `${name}=${value}; Path=${scope.path}; Max-Age=${maxAgeSeconds}; HttpOnly; SameSite=Lax${scope.secure ? '; Secure' : ''}`;
