import { randomBytes } from 'node:crypto';
import type { CookieKey } from './key-set.ts';

/** 256 bits: the HMAC-SHA256 that signs cookies gains nothing from a longer key. */
export const generateCookieKey = (now: Date): CookieKey => ({
  value: randomBytes(32).toString('base64url'),
  createdAt: now.toISOString(),
});
