import { PhoneOtpError } from './errors.ts';

/**
 * A mainland China mobile number in its one canonical form: the 11 national digits, `13812345678`. Every other part
 * of the package (blind index, SMS gateway, masking) takes this form only, so two spellings of one number can never
 * get two codes, two rate-limit budgets or two accounts.
 */
export type PhoneNumber = string & { readonly __brand: 'MainlandMobileNumber' };

/** 1, then 3–9 (the mobile segments), then 9 digits. ASCII digits only: `\d` without the `u` flag. */
const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;
/** Separators people type between groups of digits. */
const SEPARATORS = /[\s\-()]/g;
/** Anything longer is not a phone number, whatever it contains; checked before any other work. */
const MAXIMUM_INPUT_LENGTH = 32;

const withoutCountryCode = (digits: string): string => {
  if (digits.startsWith('+86')) return digits.slice(3);
  if (digits.startsWith('0086')) return digits.slice(4);
  // 86 + 11 digits; an 11-digit national number itself never starts with 8.
  if (digits.length === 13 && digits.startsWith('86')) return digits.slice(2);
  return digits;
};

/**
 * Accepts `13812345678`, `+86 138 1234 5678`, `86-13812345678`, `0086 13812345678` and full-width digits (NFKC);
 * anything else is `invalid_phone_number`.
 */
export const normalisePhoneNumber = (input: unknown): PhoneNumber => {
  if (typeof input !== 'string' || input.length > MAXIMUM_INPUT_LENGTH) throw new PhoneOtpError('invalid_phone_number');
  const national = withoutCountryCode(input.normalize('NFKC').replace(SEPARATORS, ''));
  if (!MAINLAND_MOBILE.test(national)) throw new PhoneOtpError('invalid_phone_number');
  return national as PhoneNumber;
};

export const isMainlandMobileNumber = (input: unknown): boolean => {
  try {
    normalisePhoneNumber(input);
    return true;
  } catch {
    return false;
  }
};

/** `138****5678`: what a log line, a console message or a "code sent to …" page may show. */
export const maskPhoneNumber = (phone: PhoneNumber): string => `${phone.slice(0, 3)}****${phone.slice(7)}`;

/** `+8613812345678`, for claims (`phone_number` in OpenID Connect is E.164). */
export const toE164 = (phone: PhoneNumber): string => `+86${phone}`;
