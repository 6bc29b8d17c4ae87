import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Double-submit CSRF protection for the interaction forms: a random token in a SameSite=Strict, HttpOnly cookie and
 * the same token in a hidden field. A cross-site form can send neither the cookie (SameSite) nor know the field.
 */
export const CSRF_COOKIE = 'platform_csrf';

export const readCookie = (request: IncomingMessage, name: string): string | undefined => {
  for (const part of (request.headers.cookie ?? '').split(/;\s*/)) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator) === name) return decodeURIComponent(part.slice(separator + 1));
  }
  return undefined;
};

/**
 * The request's token, or a new one; the cookie to set is returned with it. `path` scopes the cookie to the forms that
 * use it (`/interaction`, or `/account` for the account page's forms).
 */
export const csrfToken = (
  request: IncomingMessage,
  secure: boolean,
  path = '/interaction',
): { token: string; setCookie: string } => {
  const token = readCookie(request, CSRF_COOKIE) ?? randomBytes(24).toString('base64url');
  const attributes = [`Path=${path}`, 'HttpOnly', 'SameSite=Strict', ...(secure ? ['Secure'] : [])];
  return { token, setCookie: `${CSRF_COOKIE}=${token}; ${attributes.join('; ')}` };
};

export const csrfValid = (request: IncomingMessage, submitted: string | undefined): boolean => {
  const expected = readCookie(request, CSRF_COOKIE);
  if (!expected || !submitted) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(submitted);
  return a.length === b.length && timingSafeEqual(a, b);
};
