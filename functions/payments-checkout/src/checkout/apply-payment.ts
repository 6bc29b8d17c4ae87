import type { PaymentSucceededEvent } from '@platform/payment-channels';
import { AlreadyPaidError, PaymentNoticeError, type PaymentNoticeRepository } from '@platform/payment-notices';
import type { CheckoutChannelId } from './channel-registry.ts';
import type { CheckoutStore, FlagReason } from './checkout-store.ts';

/** What became of a verified payment. Every outcome is acknowledged: the channel has nothing more to tell. */
export type PaymentOutcome =
  | { readonly kind: 'paid'; readonly noticeId: string }
  /** A duplicate or redelivery of the payment that paid the notice. */
  | { readonly kind: 'already_recorded'; readonly noticeId: string }
  | { readonly kind: 'flagged'; readonly reason: FlagReason; readonly noticeId?: string };

export interface ApplyPaymentDependencies {
  readonly notices: PaymentNoticeRepository;
  readonly store: CheckoutStore;
  readonly now: () => Date;
}

/** Refusals of `markPaid` that are final: the money came, the notice can not take it, so it goes back. */
const FLAG_FOR: Readonly<Partial<Record<string, FlagReason>>> = {
  notice_not_found: 'unknown_order',
  notice_state_conflict: 'notice_not_payable',
  amount_mismatch: 'amount_mismatch',
  notice_past_due: 'notice_past_due',
  payment_already_recorded: 'rejected_by_notice',
  invalid_reference: 'rejected_by_notice',
};

/**
 * Applies a verified `payment.succeeded` to the notice its order pays. `markPaid` is the one conditional write that
 * decides: of concurrent or repeated deliveries exactly one pays the notice, and the rest learn the winner's payment
 * id from `AlreadyPaidError` — our own order number means "already recorded", another means a second payment of the
 * same notice. A payment that can not pay anything (an order we never started, a cancelled or expired notice, a wrong
 * amount) is recorded and flagged for refund, never dropped. Storage outages and contention throw, so that the
 * caller answers with the channel's retry acknowledgement.
 */
export const applyPayment = async (
  deps: ApplyPaymentDependencies,
  channel: CheckoutChannelId,
  event: PaymentSucceededEvent,
): Promise<PaymentOutcome> => {
  const flag = async (reason: FlagReason, noticeId?: string, winningPaymentId?: string): Promise<PaymentOutcome> => {
    await deps.store.flagPayment({
      eventId: event.id,
      channel,
      orderNumber: event.orderNumber,
      channelTransactionId: event.channelTransactionId,
      amountFen: event.amountFen,
      paidAt: event.paidAt,
      reason,
      ...(noticeId ? { noticeId } : {}),
      ...(winningPaymentId ? { winningPaymentId } : {}),
      flaggedAt: deps.now().toISOString(),
    });
    return { kind: 'flagged', reason, ...(noticeId ? { noticeId } : {}) };
  };

  const order = await deps.store.findOrder(event.orderNumber);
  if (!order || order.channel !== channel) return flag('unknown_order');
  try {
    await deps.notices.markPaid({
      noticeId: order.noticeId,
      paymentId: order.orderNumber,
      channel,
      channelTransactionId: event.channelTransactionId,
      amountFen: event.amountFen,
      paidAt: event.paidAt,
    });
    return { kind: 'paid', noticeId: order.noticeId };
  } catch (error) {
    if (error instanceof AlreadyPaidError) {
      return error.paymentId === order.orderNumber
        ? { kind: 'already_recorded', noticeId: order.noticeId }
        : flag('notice_already_paid', order.noticeId, error.paymentId);
    }
    const reason = error instanceof PaymentNoticeError ? FLAG_FOR[error.code] : undefined;
    if (reason) return flag(reason, order.noticeId);
    throw error;
  }
};
