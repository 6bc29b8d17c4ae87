import { generateCookieKey } from './cookie-key.ts';
import { type KeySet, SIGNING_ALGORITHMS, type SigningKey } from './key-set.ts';
import { generateNextSigningKey } from './signing-key.ts';

/**
 * A first key set: per algorithm one `current` key (signs now) and one `next` key (published now, signs after
 * the first rotation), plus two cookie keys.
 */
export const createKeySet = async (now: Date): Promise<KeySet> => {
  const keys: SigningKey[] = [];
  for (const alg of SIGNING_ALGORITHMS) {
    const current = await generateNextSigningKey(alg, now);
    keys.push({ ...current, state: 'current', activatedAt: now.toISOString() });
    keys.push(await generateNextSigningKey(alg, now));
  }
  return { version: 1, keys, cookieKeys: [generateCookieKey(now), generateCookieKey(now)] };
};
