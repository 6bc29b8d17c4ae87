import { type PaymentNotice, PaymentNoticeError, type PaymentNoticeRepository } from '@platform/payment-notices';

/** The notice a payment code from the URL names; a mistyped code (bad check digit, wrong length) finds none. */
export const findNoticeByCode = async (
  notices: PaymentNoticeRepository,
  paymentCode: string | undefined,
): Promise<PaymentNotice | undefined> => {
  try {
    return await notices.findByPaymentCode(paymentCode ?? '');
  } catch (error) {
    if (error instanceof PaymentNoticeError && error.code === 'invalid_payment_code') return undefined;
    throw error;
  }
};

/** Paid, and possibly refunded since: the payer has nothing more to pay. */
export const isSettled = (notice: PaymentNotice): boolean => notice.payment !== undefined;
