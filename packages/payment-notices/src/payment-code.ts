import { randomInt } from 'node:crypto';
import { normaliseIdentifier, provinceLevelDivisionOf } from '@platform/identifiers';
import { dammCheckDigit, isDammValid } from './damm.ts';
import { PaymentNoticeError } from './payment-notice-errors.ts';

/**
 * A payment code (缴款码): the 20 digits a payer types or scans to find a notice.
 *
 *   RRRRRR NNNNNNNNNNNNN C
 *   region random(13)     Damm check digit
 *
 * The region is the collecting department's administrative division code (GB/T 2260), so a code says where it was
 * issued. The 13 random digits come from the CSPRNG, uniformly: codes are not sequential, and guessing one live code
 * among 10^13 is hopeless, so a code reveals only what it is meant to (the masked notice). Uniqueness is not left to
 * chance: the store claims each code with a conditional write and draws again on a collision.
 */
export type PaymentCode = string & { readonly __brand: 'PaymentCode' };

export const PAYMENT_CODE_LENGTH = 20;
const RANDOM_DIGITS = 13;
/** 10^13 < 2^48, the widest range `crypto.randomInt` draws from without bias. */
const RANDOM_RANGE = 10 ** RANDOM_DIGITS;

const FORMAT = /^[0-9]{20}$/;

/** A six-digit administrative division code whose first two digits are a province-level division. */
export const isRegionCode = (value: unknown): value is string =>
  typeof value === 'string' && /^[0-9]{6}$/.test(value) && provinceLevelDivisionOf(value) !== undefined;

/** A fresh code in `regionCode`; `drawRandom` is injectable so that tests can force collisions. */
export const generatePaymentCode = (
  regionCode: string,
  drawRandom: (range: number) => number = (range) => randomInt(range),
): PaymentCode => {
  if (!isRegionCode(regionCode)) throw new RangeError(`generatePaymentCode: ${regionCode} is not a region code`);
  const body = `${regionCode}${String(drawRandom(RANDOM_RANGE)).padStart(RANDOM_DIGITS, '0')}`;
  return `${body}${dammCheckDigit(body)}` as PaymentCode;
};

/**
 * Accepts a code as people copy it from a paper notice or a text message: spaces between groups, full-width digits.
 * Throws `invalid_payment_code` when the format is wrong or the check digit does not match (a typing slip).
 */
export const parsePaymentCode = (input: unknown, field = 'paymentCode'): PaymentCode => {
  const code = typeof input === 'string' && input.length <= 64 ? normaliseIdentifier(input).replaceAll('-', '') : '';
  if (!FORMAT.test(code) || !isDammValid(code)) {
    throw new PaymentNoticeError('invalid_payment_code', { field, detailZh: '缴款码应为20位数字，请检查是否输错。' });
  }
  return code as PaymentCode;
};

export const isValidPaymentCode = (input: unknown): boolean => {
  try {
    parsePaymentCode(input);
    return true;
  } catch {
    return false;
  }
};

/** `11010512345678901234` → `1101 0512 3456 7890 1234`: groups of four, as printed on notices. */
export const formatPaymentCode = (code: PaymentCode): string => code.replace(/(\d{4})(?=\d)/g, '$1 ');
