import type { Logger } from '@platform/logging';
import type { PaymentChannel } from '@platform/payment-channels';
import type { PaymentNotice, PaymentNoticeRepository } from '@platform/payment-notices';
import type { FinanceOfficer, OfficerRole } from './finance-officer.ts';
import type { Refund } from './refund.ts';
import type { RefundStore } from './refund-store.ts';

/**
 * What happens beside a refund reaching a final state, wired by the platform (receipt credit, department events).
 * Each runs at least once: a failure leaves the refund in the `hooks` work queue and `resumePendingRefunds` runs
 * them again, so they must be idempotent (the department event id `${refundId}:${state}` is stable).
 */
export interface RefundHooks {
  readonly onRefundSucceeded?: (refund: Refund, notice: PaymentNotice) => Promise<void>;
  readonly onRefundFailed?: (refund: Refund, notice: PaymentNotice) => Promise<void>;
  readonly onRefundRejected?: (refund: Refund, notice: PaymentNotice) => Promise<void>;
}

/** The one question the service asks of the officer registry (`FinanceOfficerRegistry.authorise`). */
export interface OfficerAuthority {
  authorise(officerIndex: string, role: OfficerRole, regionCode: string): Promise<FinanceOfficer>;
}

export interface RefundServiceDependencies {
  readonly notices: PaymentNoticeRepository;
  readonly store: RefundStore;
  readonly officers: OfficerAuthority;
  /** The adapter of the channel that took a payment (`notice.payment.channel`), if this platform has it enabled. */
  readonly channelFor: (channel: string) => PaymentChannel | undefined;
  readonly now: () => Date;
  readonly logger: Logger;
  /**
   * Required, so that every composition root decides: `{}` means "nothing to do on purpose" (a hook that is absent is
   * a hook with nothing to do, and the refund leaves the hooks queue); `UNWIRED_REFUND_HOOKS` keeps refunds waiting.
   */
  readonly hooks: RefundHooks;
  /** Queries of a refund the channel answered `processing` before leaving it to `resumePendingRefunds`. Default 5. */
  readonly processingQueries?: number;
  /** Pause between those queries. Default 1000 ms. */
  readonly processingQueryDelayMs?: number;
  /**
   * How long a refund may sit `approved` or `executing` (or with hooks pending) before `resumePendingRefunds` takes
   * it over: longer than any live attempt (the function's timeout). Default 60 s.
   */
  readonly staleAfterMs?: number;
}

/**
 * For a composition root whose receipt crediting and department events are not wired yet: every hook fails with a
 * clear error, so a final refund stays in the hooks queue (logged each time) and its consequences happen once the
 * real hooks are wired — instead of being marked done with nothing done.
 */
const notWired = (what: string) => async (): Promise<void> => {
  throw new Error(`refund hook not wired: ${what} (wire RefundHooks in this function's dependencies)`);
};

export const UNWIRED_REFUND_HOOKS: RefundHooks = {
  onRefundSucceeded: notWired('credit the receipt and publish refund.succeeded'),
  onRefundFailed: notWired('publish refund.failed'),
  onRefundRejected: notWired('tell the department of the rejection'),
};
