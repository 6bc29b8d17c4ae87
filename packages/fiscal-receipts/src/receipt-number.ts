import { dammCheckDigit, isDammValid, type PaymentNotice } from '@platform/payment-notices';
import { FiscalReceiptError } from './receipt-errors.ts';

/**
 * A receipt number (票据号码), 24 digits, derived from the paid notice alone:
 *
 *   RRRRRR YYYY SSSSSSSSSSSSS C
 *   region year serial(13)     Damm check digit
 *
 * - region: the notice's region code, i.e. the finance bureau that signs;
 * - year: the calendar year of the payment in China (the fiscal year);
 * - serial: the 13 random digits of the notice's payment code under a fixed bijection of [0, 10^13). Payment codes
 *   are unique (claimed by a conditional write), so serials are unique per region; the bijection only keeps the
 *   receipt number from spelling the payment code, so nobody types one where the other is asked. It is no secret:
 *   a receipt number alone opens nothing (pages ask for the verification code too).
 *
 * Being a function of the notice, issuing is idempotent with one conditional put on the number, and anyone holding
 * the notice (payer pages, the refund flow) finds its receipt without an index.
 */
export type ReceiptNumber = string & { readonly __brand: 'ReceiptNumber' };

export const RECEIPT_NUMBER_LENGTH = 24;
const SERIAL_RANGE = 10n ** 13n;
// Coprime with 10^13 (odd, not a multiple of 5), so `serial = (A·random + B) mod 10^13` is a bijection.
const MULTIPLIER = 3_743_547_213_157n;
const OFFSET = 5_182_957_306_411n;
const CHINA_OFFSET_MS = 8 * 3_600_000;

export const fiscalYearOf = (instant: string): number =>
  new Date(Date.parse(instant) + CHINA_OFFSET_MS).getUTCFullYear();

export const receiptNumberFor = (
  notice: Pick<PaymentNotice, 'paymentCode' | 'regionCode' | 'payment'>,
): ReceiptNumber => {
  if (!notice.payment) throw new FiscalReceiptError('notice_not_paid', 'A receipt is issued only for a paid notice.');
  const random = BigInt(notice.paymentCode.slice(6, 19));
  const serial = ((MULTIPLIER * random + OFFSET) % SERIAL_RANGE).toString().padStart(13, '0');
  const body = `${notice.regionCode}${fiscalYearOf(notice.payment.paidAt)}${serial}`;
  return `${body}${dammCheckDigit(body)}` as ReceiptNumber;
};

/** As people copy it: spaces or dashes between groups are ignored. Throws `invalid_receipt_number` on a slip. */
export const parseReceiptNumber = (input: unknown, field = 'receiptNumber'): ReceiptNumber => {
  const digits = typeof input === 'string' && input.length <= 64 ? input.replaceAll(/[\s-]/g, '') : '';
  if (!/^[0-9]{24}$/.test(digits) || !isDammValid(digits)) {
    throw new FiscalReceiptError('invalid_receipt_number', 'A receipt number is 24 digits; check for a typing slip.', {
      field,
    });
  }
  return digits as ReceiptNumber;
};

export const isReceiptNumber = (input: unknown): input is ReceiptNumber => {
  try {
    parseReceiptNumber(input);
    return true;
  } catch {
    return false;
  }
};

/** Groups of four, as printed: `1100 0020 2612 3456 7890 1234`. */
export const formatReceiptNumber = (number: string): string => number.replaceAll(/(\d{4})(?=\d)/g, '$1 ');
