import type { DepartmentEventPublisher } from '@platform/department-webhooks';
import type { PaymentSucceededEvent } from '@platform/payment-channels';
import {
  AlreadyPaidError,
  type JoinedPut,
  type PaymentNotice,
  PaymentNoticeError,
  type PaymentNoticeRepository,
} from '@platform/payment-notices';
import type { CheckoutChannelId } from './channel-registry.ts';
import type { CheckoutOrder, CheckoutStore, FlagReason } from './checkout-store.ts';
import { FIRST_CHECK_AFTER_MS } from './open-order-index.ts';
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
   * The finance bureau's receipts (`@platform/fiscal-receipts` `FiscalReceipts`): the receipt commits with the payment,
   * in the same transaction. Absent: none is issued.
   */
  readonly receipts?: ReceiptIssuer;
}

/** What the payment flow asks of the receipts service. */
export interface ReceiptIssuer {
  /** The receipt of the notice as its payment leaves it, as a put that commits with the payment (`markPaid`). */
  receiptPut(paidNotice: PaymentNotice): Promise<JoinedPut>;
  /** The receipt of a paid notice, issued now only if it has none (idempotent; no write when it exists). */
  issueReceipt(paidNotice: PaymentNotice): Promise<unknown>;
}

/** Who applies the payment: a channel's notification, or the sweeper, which found it by querying the channel. */
export type PaymentSource = 'notification' | 'sweeper';

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
 * Applies a verified `payment.succeeded` to the notice its order pays, issues its fiscal receipt and tells the
 * department (`notice.paid`).
 *
 * `markPaid` is the one transaction that decides: the notice, its `notice.paid` event, the order (which becomes the
 * payment record and, in the same write, leaves the open-order index) and the receipt — four item writes, all or
 * nothing. Of concurrent or repeated deliveries exactly one pays the notice, and the rest learn the winner's payment
 * id from `AlreadyPaidError` — our own order number means "already recorded", another means a second payment of the
 * same notice. A payment that can not pay anything (an order we never started, a cancelled or expired notice, a wrong
 * amount) is recorded and flagged for refund, never dropped. Storage outages and contention throw, so that the
 * caller answers with the channel's retry acknowledgement.
 *
 * `notice.paid` is published after the commit (publishing is one queue message, no DynamoDB write), so the order is
 * already settled when it goes out. A publish that fails must not lose the event, so it throws, and:
 * - a notification is answered with the channel's retry acknowledgement: the channel redelivers, and the redelivery
 *   (`already_recorded`) publishes again (same event id, departments dedupe);
 * - the order is put back into the open-order index, unsettled, as a second net: the sweeper finds its notice paid by
 *   it, applies the recorded payment (`already_recorded`), publishes and settles it;
 * - the sweeper's own payments (a query found them; no channel will redeliver those for us) are committed with the
 *   order left open, and settled only once published: a failure leaves it open for the next run, with no write to
 *   put back. That costs them a fifth write; they are the rare silent payments.
 *
 * Writes: four for a notification that pays its notice (three without receipts); none for a redelivery of it once the
 * order is settled.
 */
export const applyPayment = async (
  deps: ApplyPaymentDependencies,
  channel: CheckoutChannelId,
  event: PaymentSucceededEvent,
  source: PaymentSource = 'notification',
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
  // Only a publish can fail after the commit; without one the order may settle with the payment on either path.
  const settleWithPayment = source === 'notification' || !deps.events;
  try {
    await deps.notices.markPaid(
      {
        noticeId: order.noticeId,
        paymentId: order.orderNumber,
        channel,
        channelTransactionId: event.channelTransactionId,
        amountFen: event.amountFen,
        paidAt: event.paidAt,
      },
      {
        recordOn: deps.store.orderAsPaymentRecord(order.orderNumber, { settle: settleWithPayment }),
        ...(deps.receipts ? { alongside: receiptAlongside(deps.receipts) } : {}),
      },
    );
  } catch (error) {
    if (error instanceof AlreadyPaidError) {
      if (error.paymentId !== order.orderNumber) {
        return settle(await flag('notice_already_paid', order.noticeId, error.paymentId));
      }
      // A redelivery: the order is settled, unless what followed the payment failed (then this one settles it).
      if (!order.settlement) await ensureReceipt(deps, order.noticeId);
      await publish(deps, order.noticeId);
      if (!order.settlement) await deps.store.settleOrder(order.orderNumber, 'paid', deps.now().toISOString());
      return { kind: 'already_recorded', noticeId: order.noticeId };
    }
    const reason = error instanceof PaymentNoticeError ? FLAG_FOR[error.code] : undefined;
    if (reason) return settle(await flag(reason, order.noticeId));
    throw error;
  }
  if (settleWithPayment) {
    await publish(deps, order.noticeId).catch(async (error: unknown) => {
      await reopen(deps, order);
      throw error;
    });
    return { kind: 'paid', noticeId: order.noticeId };
  }
  await publish(deps, order.noticeId);
  return settle({ kind: 'paid', noticeId: order.noticeId });
};

const receiptAlongside =
  (receipts: ReceiptIssuer) =>
  async (paidNotice: PaymentNotice): Promise<readonly JoinedPut[]> => [await receipts.receiptPut(paidNotice)];

/**
 * Before an order paid but still open is settled: its receipt committed with the payment, so this writes nothing —
 * except for a notice paid by a version of this flow that issued receipts after the payment (one that failed then
 * left the order open without a receipt), which gets it now instead of never.
 */
const ensureReceipt = async (deps: ApplyPaymentDependencies, noticeId: string): Promise<void> => {
  if (!deps.receipts) return;
  const notice = await deps.notices.get(noticeId);
  if (!notice) throw new Error(`Notice ${noticeId} vanished after it was paid; no receipt issued.`);
  await deps.receipts.issueReceipt(notice);
};

const publish = async (deps: ApplyPaymentDependencies, noticeId: string): Promise<void> => {
  if (deps.events) await publishNoticePaid({ notices: deps.notices, events: deps.events }, noticeId);
};

/**
 * Best effort: if storage fails too, the error being thrown already makes the channel redeliver, and the redelivery
 * publishes. The sweeper's first look comes after the usual pause, by when a redelivery has normally done it.
 */
const reopen = async (deps: ApplyPaymentDependencies, order: CheckoutOrder): Promise<void> => {
  const nextCheckAt = new Date(deps.now().getTime() + FIRST_CHECK_AFTER_MS).toISOString();
  await deps.store.reopenPaidOrder(order.orderNumber, nextCheckAt).catch(() => undefined);
};
