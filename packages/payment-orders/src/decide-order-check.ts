import type { PaymentState, PaymentSucceededEvent } from '@platform/payment-channels';
import type { PaymentNotice } from '@platform/payment-notices';
import type { CheckoutOrder, OrderSettlement } from './checkout-store.ts';
import { nextCheckAt } from './open-order-index.ts';

/** What the sweeper knows about one open order when it decides: the order, its notice, and maybe the channel's word. */
export interface OrderCheck {
  readonly order: CheckoutOrder;
  readonly notice: PaymentNotice | undefined;
  /** The channel's answer to a query; absent until the channel has been asked. */
  readonly channelState?: PaymentState;
  readonly now: Date;
}

export type OrderCheckDecision =
  /** Settled meanwhile (the index lags behind the order item): nothing to do. */
  | { readonly kind: 'skip' }
  /** Final without asking anyone (the channel closed the order). */
  | { readonly kind: 'settle'; readonly settlement: OrderSettlement }
  | { readonly kind: 'query' }
  /** The channel took the money: apply it exactly as a notification would be (`applyPayment`, idempotent). */
  | { readonly kind: 'apply_payment'; readonly event: PaymentSucceededEvent }
  /**
   * Stop the channel payment: its notice can no longer take it (paid by another order, cancelled, expired) or is due
   * now. `expireNotice`: the notice is still issued and past its due instant, so it expires once the order is closed.
   */
  | { readonly kind: 'close'; readonly expireNotice: boolean }
  /** Still payable and unpaid: ask again later, on a backoff, never after the due instant. */
  | { readonly kind: 'recheck'; readonly at: string; readonly checks: number }
  /** The channel's answer can not be acted on (paid, but without its transaction or time): leave it for the next run. */
  | { readonly kind: 'unresolved'; readonly reason: string };

/**
 * The sweeper's decision for one open order: truth by query. A silent payment (its notification never came) is found
 * by asking the channel and applied on the same path as a notification; an unpaid order is closed at the channel once
 * its notice can not be paid any more, so that no money arrives for a notice that is expired, cancelled or paid.
 * Closing comes before expiring: the channel must refuse the payer first, then the notice may say "expired".
 */
export const decideOrderCheck = ({ order, notice, channelState, now }: OrderCheck): OrderCheckDecision => {
  if (order.settlement) return { kind: 'skip' };
  // The notice records this very order's payment, but the order is open: `notice.paid` has not gone out (the order
  // was put back, or the sweeper's own payment kept it open, when publishing failed). Applying the recorded payment
  // again ends in `already_recorded`, which publishes (same event id) and only then settles; no channel query needed.
  if (notice?.payment?.paymentId === order.orderNumber) {
    const { payment } = notice;
    return {
      kind: 'apply_payment',
      event: {
        type: 'payment.succeeded',
        id: `query:${order.channel}:${order.orderNumber}`,
        orderNumber: order.orderNumber,
        channelTransactionId: payment.channelTransactionId,
        amountFen: notice.paidFen,
        paidAt: payment.paidAt,
      },
    };
  }
  if (!channelState) return { kind: 'query' };

  switch (channelState.status) {
    case 'paid': {
      const { channelTransactionId, paidAt, amountFen } = channelState;
      if (!channelTransactionId || !paidAt) {
        return { kind: 'unresolved', reason: 'the channel says paid without a transaction id or payment time' };
      }
      return {
        kind: 'apply_payment',
        event: {
          type: 'payment.succeeded',
          // Stable per order: a second sweep of the same payment is the same event.
          id: `query:${order.channel}:${order.orderNumber}`,
          orderNumber: order.orderNumber,
          channelTransactionId,
          amountFen: amountFen ?? order.amountFen,
          paidAt,
        },
      };
    }
    case 'closed':
      return { kind: 'settle', settlement: 'closed' };
    case 'pending':
    case 'not_found': {
      if (notice?.status !== 'issued') return { kind: 'close', expireNotice: false };
      if (now.toISOString() >= notice.dueAt) return { kind: 'close', expireNotice: true };
      const checks = (order.checks ?? 0) + 1;
      return { kind: 'recheck', at: nextCheckAt(now, checks, notice.dueAt), checks };
    }
  }
};
