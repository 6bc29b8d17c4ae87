import { generateCookieKey } from './cookie-key.ts';
import { RotationTooEarlyError } from './errors.ts';
import { type KeySet, MAX_COOKIE_KEYS, SIGNING_ALGORITHMS, type SigningKey } from './key-set.ts';
import { assertKeySetInvariants } from './parse-key-set.ts';
import { generateNextSigningKey } from './signing-key.ts';

export interface RotationOptions {
  /**
   * How long a retired key stays published. Must be at least the longest lifetime of anything it signed: ID
   * tokens (and back-channel logout tokens, which oidc-provider issues as ID tokens), JWT access tokens, plus
   * clock skew. Measured from `retiredAt`, the last moment the key could sign.
   */
  readonly retentionSeconds: number;
  /**
   * Refuse to promote a `next` key published for less than this: verifiers (portals, the payments API, warm
   * Lambdas holding a cached key set) must have had the chance to fetch it. Default 0; pass 0 knowingly in an
   * emergency.
   */
  readonly minimumNextAgeSeconds?: number;
}

/**
 * One rotation step, per algorithm: `next → current`, `current → retired`, a fresh `next`, and retired keys past
 * their retention dropped. Cookie keys: a new one first, at most {@link MAX_COOKIE_KEYS} kept.
 */
export const rotateKeySet = async (set: KeySet, now: Date, options: RotationOptions): Promise<KeySet> => {
  const { retentionSeconds, minimumNextAgeSeconds = 0 } = options;
  assertInteger('retentionSeconds', retentionSeconds, 1);
  assertInteger('minimumNextAgeSeconds', minimumNextAgeSeconds, 0);
  assertKeySetInvariants(set);

  const at = now.toISOString();
  const keys: SigningKey[] = [];
  for (const alg of SIGNING_ALGORITHMS) {
    const ofAlg = set.keys.filter((key) => key.alg === alg);
    for (const key of ofAlg) {
      if (key.state === 'next') {
        assertPublishedLongEnough(key, now, minimumNextAgeSeconds);
        keys.push({ ...key, state: 'current', activatedAt: at });
      } else if (key.state === 'current') {
        keys.push({ ...key, state: 'retired', retiredAt: at });
      } else if (secondsSince(key.retiredAt, now) <= retentionSeconds) {
        keys.push(key);
      }
    }
    keys.push(await generateNextSigningKey(alg, now));
  }
  const cookieKeys = [generateCookieKey(now), ...set.cookieKeys].slice(0, MAX_COOKIE_KEYS);
  return { version: 1, keys, cookieKeys };
};

const assertPublishedLongEnough = (key: SigningKey, now: Date, minimumSeconds: number) => {
  const age = secondsSince(key.createdAt, now);
  if (age < minimumSeconds) {
    throw new RotationTooEarlyError(
      `the next ${key.alg} key ${key.kid} has been published for ${Math.floor(age)} s, less than the ${minimumSeconds} s required; wait or lower the minimum`,
    );
  }
};

const secondsSince = (instant: string | undefined, now: Date): number =>
  // A retired key without retiredAt cannot pass validation; Infinity drops it if one ever slips through.
  instant === undefined ? Number.POSITIVE_INFINITY : (now.getTime() - Date.parse(instant)) / 1000;

const assertInteger = (name: string, value: number, minimum: number) => {
  if (!Number.isSafeInteger(value) || value < minimum) throw new RangeError(`${name} must be an integer ≥ ${minimum}`);
};
