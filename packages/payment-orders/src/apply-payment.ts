import type { DepartmentEventPublisher } from '@platform/department-webhooks';
import type { PaymentSucceededEvent } from '@platform/payment-channels';
import {
  AlreadyPaidError,
  type PaymentNotice,
  PaymentNoticeError,
  type PaymentNoticeRepository,
} from '@platform/payment-notices';
import type { CheckoutChannelId } from './channel-registry.ts';
import type { CheckoutStore, FlagReason } from './checkout-store.ts';
import { publishNoticePaid } from './publish-notice-paid.ts';

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
  /**
   * Departments' webhooks: `notice.paid` is published after `paid` and again after `already_recorded` (a redelivered
   * notification re-publishes should the first publish have failed). Absent: nothing is published.
   */
  readonly events?: DepartmentEventPublisher;
  /**
   * The finance bureau's receipts (`@platform/fiscal-receipts` `FiscalReceipts`): a receipt is issued after `paid` and
   * again after `already_recorded` (idempotent: the second call returns the stored one). Absent: none is issued.
   */
  readonly receipts?: ReceiptIssuer;
}

/** The one call the payment flow makes of the receipts service: idempotent per notice. */
export interface ReceiptIssuer {
  issueReceipt(paidNotice: PaymentNotice): Promise<unknown>;
}

/**
 * What must follow a payment that paid its notice (its receipt, the department's `notice.paid`). It runs BEFORE the
 * order is settled: a failure throws, the order stays open, and both a redelivered notification and the sweeper's
 * next query come back through `already_recorded` and run it again, so neither is ever lost.
 */
type PaidFollowUp = (noticeId: string, paidNotice?: PaymentNotice) => Promise<void>;

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
 *
 * Writes: a payment that pays its notice costs four item writes (`markPaid`'s three, then the order leaves the
 * open-order index), plus the receipt's one conditional put when receipts are wired; a redelivery of it none once the
 * order is settled (the receipt's put then loses its condition and writes nothing).
 */
const applyVerifiedPayment = async (
  deps: ApplyPaymentDependencies,
  channel: CheckoutChannelId,
  event: PaymentSucceededEvent,
  followUp: PaidFollowUp,
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
  // Flagged once already (by a notification or by the sweeper's query): the same money is not flagged twice.
  if (order.settlement?.startsWith('flagged:')) {
    return {
      kind: 'flagged',
      reason: order.settlement.slice('flagged:'.length) as FlagReason,
      noticeId: order.noticeId,
    };
  }
  // The order is final once its payment is applied: it leaves the open-order index, and the sweeper stops asking.
  const settle = async (outcome: PaymentOutcome): Promise<PaymentOutcome> => {
    const settlement = outcome.kind === 'flagged' ? (`flagged:${outcome.reason}` as const) : 'paid';
    await deps.store.settleOrder(order.orderNumber, settlement, deps.now().toISOString());
    return outcome;
  };
  try {
    const paidNotice = await deps.notices.markPaid({
      noticeId: order.noticeId,
      paymentId: order.orderNumber,
      channel,
      channelTransactionId: event.channelTransactionId,
      amountFen: event.amountFen,
      paidAt: event.paidAt,
    });
    await followUp(order.noticeId, paidNotice);
    return settle({ kind: 'paid', noticeId: order.noticeId });
  } catch (error) {
    if (error instanceof AlreadyPaidError) {
      if (error.paymentId !== order.orderNumber) {
        return settle(await flag('notice_already_paid', order.noticeId, error.paymentId));
      }
      // A redelivery: the first delivery settled the order, unless it failed in between (then this one does).
      await followUp(order.noticeId);
      if (!order.settlement) await deps.store.settleOrder(order.orderNumber, 'paid', deps.now().toISOString());
      return { kind: 'already_recorded', noticeId: order.noticeId };
    }
    const reason = error instanceof PaymentNoticeError ? FLAG_FOR[error.code] : undefined;
    if (reason) return settle(await flag(reason, order.noticeId));
    throw error;
  }
};

/**
 * `applyVerifiedPayment`, with the receipt issued and `notice.paid` published for the department before the order is
 * settled. A failed issue or publish throws like a failed write, so the channel gets its retry acknowledgement (and
 * the sweeper finds the order still open), and the redelivery (`already_recorded`) issues and publishes again. The
 * receipt comes first, so that a department reacting to `notice.paid` finds it.
 */
export const applyPayment = async (
  deps: ApplyPaymentDependencies,
  channel: CheckoutChannelId,
  event: PaymentSucceededEvent,
): Promise<PaymentOutcome> => {
  const followUp: PaidFollowUp = async (noticeId, paidNotice) => {
    if (deps.receipts) {
      const notice = paidNotice ?? (await deps.notices.get(noticeId));
      if (!notice) throw new Error(`Notice ${noticeId} vanished after it was paid; no receipt issued.`);
      await deps.receipts.issueReceipt(notice);
    }
    if (deps.events) await publishNoticePaid({ notices: deps.notices, events: deps.events }, noticeId);
  };
  return applyVerifiedPayment(deps, channel, event, followUp);
};
