/**
 * A mainland China mobile number in the canonical 11-digit form `@platform/phone-otp` uses (its `PhoneNumber`), so
 * that the blind index computed here equals the one on the account. The minimal rule, not a second phone package:
 * full-width digits, separators and a +86 / 0086 prefix are accepted, anything else is not a mobile number.
 */
export type MobileNumber = string & { readonly __brand: 'MainlandMobileNumber' };

const MAINLAND_MOBILE = /^1[3-9]\d{9}$/;

export const parseMobileNumber = (input: unknown): MobileNumber | undefined => {
  if (typeof input !== 'string' || input.length > 32) return undefined;
  const digits = input
    .normalize('NFKC')
    .replace(/[\s\-()]/g, '')
    .replace(/^(?:\+86|0086|86(?=\d{11}$))/, '');
  return MAINLAND_MOBILE.test(digits) ? (digits as MobileNumber) : undefined;
};
