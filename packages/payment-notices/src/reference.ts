import { PaymentNoticeError } from './payment-notice-errors.ts';

/**
 * Identifiers other systems hand us (department, payment, refund, channel and channel transaction ids): printable
 * ASCII without `#`, which separates the parts of storage keys, so that no id can forge another item's key.
 */
const REFERENCE = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

export const parseReference = (input: unknown, field: string): string => {
  if (typeof input !== 'string' || !REFERENCE.test(input)) {
    throw new PaymentNoticeError('invalid_reference', {
      field,
      detail: `${field} must be 1 to 64 letters, digits, '_', '.', ':' or '-', starting with a letter or digit.`,
    });
  }
  return input;
};

/** An instant from a Date or an ISO 8601 string, as the ISO string the store compares. */
export const parseInstant = (input: unknown, field: string): string => {
  const date = input instanceof Date ? input : typeof input === 'string' ? new Date(input) : undefined;
  if (!date || Number.isNaN(date.getTime())) {
    throw new PaymentNoticeError('invalid_reference', { field, detail: `${field} must be an ISO 8601 instant.` });
  }
  return date.toISOString();
};
