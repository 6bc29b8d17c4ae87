import type { CreatePaymentInput, RefundInput, RefundLookup } from './payment-channel.ts';

/**
 * Checks on what the platform passes to any adapter. They run before anything is sent. A failure is a bug in the
 * caller, so it throws `TypeError` or `RangeError`, not a `ChannelError`.
 */
const PLATFORM_NUMBER = /^[A-Za-z0-9_-]{1,32}$/;

export const assertPlatformNumber = (value: string, field: string): void => {
  if (typeof value !== 'string' || !PLATFORM_NUMBER.test(value)) {
    throw new TypeError(`${field} must be 1–32 characters of [A-Za-z0-9_-].`);
  }
};

export const assertAmountFen = (value: number, field = 'amountFen'): void => {
  if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`${field} must be a positive integer of fen.`);
};

const assertIsoInstant = (value: string, field: string): void => {
  if (typeof value !== 'string' || Number.isNaN(Date.parse(value)) || !/^\d{4}-\d{2}-\d{2}T/.test(value)) {
    throw new TypeError(`${field} must be an ISO 8601 instant.`);
  }
};

const assertAbsoluteUrl = (value: string, field: string): void => {
  if (!URL.canParse(value) || !/^https?:$/.test(new URL(value).protocol)) {
    throw new TypeError(`${field} must be an absolute http(s) URL.`);
  }
};

export const assertCreatePaymentInput = (input: CreatePaymentInput): void => {
  assertPlatformNumber(input.orderNumber, 'orderNumber');
  assertAmountFen(input.amountFen);
  if (typeof input.subject !== 'string' || input.subject.length === 0 || input.subject.length > 128) {
    throw new TypeError('subject must be 1–128 characters.');
  }
  assertIsoInstant(input.expiresAt, 'expiresAt');
  assertAbsoluteUrl(input.returnUrl, 'returnUrl');
  assertAbsoluteUrl(input.notifyUrl, 'notifyUrl');
};

export const assertRefundLookup = (lookup: RefundLookup): void => {
  assertPlatformNumber(lookup.orderNumber, 'orderNumber');
  assertPlatformNumber(lookup.refundNumber, 'refundNumber');
};

export const assertRefundInput = (input: RefundInput): void => {
  assertRefundLookup(input);
  assertAmountFen(input.amountFen);
  if (typeof input.reason !== 'string' || input.reason.length > 80) {
    throw new TypeError('reason must be at most 80 characters.');
  }
};
