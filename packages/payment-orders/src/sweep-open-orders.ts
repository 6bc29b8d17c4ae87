import type { DepartmentEventPublisher } from '@platform/department-webhooks';
import { ChannelRejectedError, type PaymentState } from '@platform/payment-channels';
import { type PaymentNotice, PaymentNoticeError, type PaymentNoticeRepository } from '@platform/payment-notices';
import { applyPayment, type ReceiptIssuer } from './apply-payment.ts';
import type { ChannelRegistry } from './channel-registry.ts';
import type { CheckoutOrder, CheckoutStore, OpenOrders } from './checkout-store.ts';
import { decideOrderCheck } from './decide-order-check.ts';
import { FIRST_CHECK_AFTER_MS } from './open-order-index.ts';
import { noticeExpiredEvent } from './publish-notice-expired.ts';

export interface SweepDependencies {
  readonly notices: PaymentNoticeRepository;
  readonly store: CheckoutStore & OpenOrders;
  readonly channels: ChannelRegistry;
  readonly now: () => Date;
  /** Departments' webhooks: `notice.paid` of a payment found by query, `notice.expired`. Absent: nothing is published. */
  readonly events?: DepartmentEventPublisher;
  /** The receipt of a payment found by query, committed with it (as `applyPayment`'s). Absent: none is issued. */
  readonly receipts?: ReceiptIssuer;
  /** Open orders read per shard and run; the rest wait for the next run. Default 50. */
  readonly batchSize?: number;
  /** Orders worked on at once (each is a few storage calls and one or two channel calls). Default 4. */
  readonly concurrency?: number;
}

/** What one run did, for the log line and for tests. An order that failed stays open and is tried on the next run. */
export interface SweepReport {
  checked: number;
  /** Silent payments found by query and applied to their notice. */
  paid: number;
  /** Payments found by query that could not pay their notice (recorded for refund). */
  flagged: number;
  closed: number;
  expired: number;
  /** Already final; taken out of the open-order index. */
  settled: number;
  rescheduled: number;
  failures: { readonly orderNumber: string; readonly error: unknown }[];
}

type OrderResult = 'paid' | 'flagged' | 'closed' | 'settled' | 'rescheduled' | 'skipped';

/** A due notice that is no longer issued (paid or cancelled meanwhile) needs no expiry: that is not a failure. */
const expireIfStillIssued = async (
  deps: SweepDependencies,
  noticeId: string,
  now: Date,
): Promise<PaymentNotice | undefined> => {
  try {
    return await deps.notices.expire(noticeId, now);
  } catch (error) {
    if (error instanceof PaymentNoticeError && error.code === 'notice_state_conflict') return undefined;
    throw error;
  }
};

/**
 * Tells the department its notice expired, before the order is settled: a failed publish leaves the order open, and
 * the next run, finding the notice expired and the channel order closed, publishes the same event (same id) again.
 */
const publishExpiry = async (deps: SweepDependencies, notice: PaymentNotice | undefined): Promise<void> => {
  const event = notice && noticeExpiredEvent(notice);
  if (event && deps.events) await deps.events.publish(event);
};

const checkOrder = async (deps: SweepDependencies, order: CheckoutOrder, report: SweepReport): Promise<OrderResult> => {
  const now = deps.now();
  const at = now.toISOString();
  const notice = await deps.notices.get(order.noticeId);
  const channel = deps.channels.get(order.channel);
  let channelState: PaymentState | undefined;
  // Decide, query, decide again, and once more when a close finds the order paid meanwhile.
  for (let round = 0; round < 4; round += 1) {
    const decision = decideOrderCheck({ order, notice, now, ...(channelState ? { channelState } : {}) });
    switch (decision.kind) {
      case 'skip':
        return 'skipped';
      case 'unresolved':
        throw new Error(`Order ${order.orderNumber} left open: ${decision.reason}.`);
      case 'settle':
        if (decision.settlement === 'closed') await publishExpiry(deps, notice);
        await deps.store.settleOrder(order.orderNumber, decision.settlement, at);
        return decision.settlement === 'closed' ? 'closed' : 'settled';
      case 'query':
        if (!channel) throw new Error(`The ${order.channel} channel is not enabled in this function.`);
        channelState = await channel.adapter.queryPayment(order.orderNumber);
        break;
      case 'apply_payment': {
        const outcome = await applyPayment(deps, order.channel, decision.event, 'sweeper');
        return outcome.kind === 'flagged' ? 'flagged' : 'paid';
      }
      case 'recheck':
        await deps.store.rescheduleCheck(order.orderNumber, decision.at, decision.checks);
        return 'rescheduled';
      case 'close': {
        if (!channel) throw new Error(`The ${order.channel} channel is not enabled in this function.`);
        try {
          await channel.adapter.closePayment(order.orderNumber);
        } catch (error) {
          // Paid between our query and the close: query again, and the payment is applied instead.
          if (error instanceof ChannelRejectedError && error.reason === 'order_paid') {
            channelState = await channel.adapter.queryPayment(order.orderNumber);
            break;
          }
          throw error;
        }
        const expired = decision.expireNotice ? await expireIfStillIssued(deps, order.noticeId, now) : undefined;
        if (expired) report.expired += 1;
        await publishExpiry(deps, expired ?? notice);
        await deps.store.settleOrder(order.orderNumber, 'closed', at);
        return 'closed';
      }
    }
  }
  throw new Error(`Order ${order.orderNumber} left open: the channel kept changing its answer.`);
};

/**
 * A failed order is checked again after the first pause, not on the very next run: a channel that is down for
 * hours must not keep its orders at the head of the index, ahead of every other channel's. Best effort: if storage is
 * what failed, this fails too and the order simply stays due.
 */
const retryLater = async (deps: SweepDependencies, order: CheckoutOrder): Promise<void> => {
  const at = new Date(deps.now().getTime() + FIRST_CHECK_AFTER_MS).toISOString();
  await deps.store.rescheduleCheck(order.orderNumber, at, order.checks ?? 0).catch(() => undefined);
};

/**
 * One run of the sweeper over the open orders due for a check: each is decided by `decideOrderCheck` and acted on.
 * Every action is idempotent (queries, `applyPayment`, closing, settling, expiring), so a run that dies half-way, or
 * two runs that overlap, leave nothing doubled; an order whose channel or storage fails stays open for the next run.
 */
export const sweepOpenOrders = async (deps: SweepDependencies): Promise<SweepReport> => {
  const report: SweepReport = {
    checked: 0,
    paid: 0,
    flagged: 0,
    closed: 0,
    expired: 0,
    settled: 0,
    rescheduled: 0,
    failures: [],
  };
  const due = await deps.store.listOrdersDue(deps.now(), deps.batchSize ?? 50);
  let next = 0;
  const worker = async () => {
    while (next < due.length) {
      const order = due[next++] as CheckoutOrder;
      report.checked += 1;
      try {
        const result = await checkOrder(deps, order, report);
        if (result !== 'skipped') report[result] += 1;
      } catch (error) {
        report.failures.push({ orderNumber: order.orderNumber, error });
        await retryLater(deps, order);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(deps.concurrency ?? 4, due.length) }, worker));
  return report;
};
