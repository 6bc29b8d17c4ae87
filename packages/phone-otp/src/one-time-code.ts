import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { PhoneOtpError } from './errors.ts';

export const CODE_DIGITS = 6;
const CODE_SPACE = 10 ** CODE_DIGITS;

/** `(max) => integer in [0, max)`, uniformly; `crypto.randomInt` rejects biased draws instead of using modulo. */
export type RandomInteger = (max: number) => number;

/** A uniformly random code of six digits, leading zeros kept (`004217` is as likely as `904217`). */
export const generateOneTimeCode = (random: RandomInteger = randomInt): string =>
  String(random(CODE_SPACE)).padStart(CODE_DIGITS, '0');

/**
 * The code as typed, in canonical form: full-width digits folded (NFKC) and spaces dropped. Anything that is not then
 * six digits is refused before any lookup, and does not count as a wrong try: it can never match.
 */
export const parseSubmittedCode = (input: unknown): string => {
  if (typeof input !== 'string' || input.length > 32) throw new PhoneOtpError('invalid_code_format');
  const code = input.normalize('NFKC').replace(/\s/g, '');
  if (!/^\d{6}$/.test(code)) throw new PhoneOtpError('invalid_code_format');
  return code;
};

/**
 * The stored form of a code: HMAC-SHA256 under the code hash key, bound to its challenge id. A keyed hash, not a slow
 * one: with only 10^6 codes even scrypt at a second per guess is reversed offline in days, whereas without the key
 * (held outside the table) the hash tells nothing; and the online guesses that remain are capped by the try counter.
 * Binding the challenge id keeps a hash from being valid on any other challenge.
 */
const codeDigest = (codeHashKey: Buffer, challengeId: string, code: string): Buffer =>
  createHmac('sha256', codeHashKey).update(`phone-otp/code/v1:${challengeId}:${code}`).digest();

export const hashOneTimeCode = (codeHashKey: Buffer, challengeId: string, code: string): string =>
  codeDigest(codeHashKey, challengeId, code).toString('base64url');

/** Constant-time comparison, so that response times do not reveal how much of a guess was right. */
export const oneTimeCodeMatches = (
  codeHashKey: Buffer,
  challengeId: string,
  code: string,
  storedHash: string,
): boolean => {
  const expected = Buffer.from(storedHash, 'base64url');
  const actual = codeDigest(codeHashKey, challengeId, code);
  return expected.length === actual.length && timingSafeEqual(expected, actual);
};
