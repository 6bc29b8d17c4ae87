import { createHmac } from 'node:crypto';
import type { PhoneNumber } from './phone-number.ts';
import type { SecretKey } from './secret-keys.ts';
import { secretKeyBytes } from './secret-keys.ts';

/**
 * The blind index of a phone number: HMAC-SHA256 under the blind index key of the canonical number, base64url.
 * Stable, so that it can key a lookup (the current code of a phone, the account bound to a phone), and useless
 * without the key: the space of mobile numbers (~10^10) is small enough that an unkeyed hash is reversed by brute
 * force in minutes. The account model must compute its index with this same function.
 */
export const phoneBlindIndex = (blindIndexKey: SecretKey, phone: PhoneNumber): string =>
  createHmac('sha256', secretKeyBytes('blindIndexKey', blindIndexKey))
    .update(`phone-number/v1:${phone}`)
    .digest('base64url');
