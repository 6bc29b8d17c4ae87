import { setTimeout as sleep } from 'node:timers/promises';
import { ChannelRejectedError, type PaymentChannel, type RefundState } from '@platform/payment-channels';
import type { Refund, RefundFailure, RefundSettlement } from './refund.ts';

/** What one attempt at the channel ended with. */
export type ChannelRefundOutcome =
  | { readonly kind: 'succeeded'; readonly settlement: RefundSettlement }
  | { readonly kind: 'failed'; readonly failure: Omit<RefundFailure, 'failedAt'> }
  /** No final answer (unavailable, timed out, unverifiable, still processing): try again later, same number. */
  | { readonly kind: 'pending'; readonly why: string };

/**
 * Refusals a later attempt may overcome once people act (keys fixed, the merchant account funded): the refund stays
 * `executing` rather than failing and releasing the amount.
 */
const RETRYABLE_REJECTIONS = new Set(['configuration', 'insufficient_balance']);

const settled = (state: RefundState, at: string): ChannelRefundOutcome => ({
  kind: 'succeeded',
  settlement: {
    refundedAt: state.refundedAt ?? at,
    ...(state.channelRefundId ? { channelRefundId: state.channelRefundId } : {}),
  },
});

/**
 * Asks the channel to refund, under the refund id as the refund number: every channel is idempotent on it, so an
 * attempt after a crash or a timeout finds the refund already made instead of making a second. A `processing`
 * answer (WeChat Pay refunds asynchronously) is queried a few times before the attempt is left pending.
 */
export const refundThroughChannel = async (
  channel: PaymentChannel,
  refund: Refund,
  options: { readonly queries: number; readonly delayMs: number; readonly now: () => Date },
): Promise<ChannelRefundOutcome> => {
  const lookup = { orderNumber: refund.paymentId, refundNumber: refund.refundId };
  try {
    let state = await channel.refund({ ...lookup, amountFen: refund.amountFen, reason: refund.reason });
    for (let query = 0; state.status === 'processing' && query < options.queries; query += 1) {
      await sleep(options.delayMs);
      const answer = await channel.queryRefund(lookup);
      if (answer.status === 'not_found') return { kind: 'pending', why: 'the channel does not find the refund yet' };
      state = answer;
    }
    if (state.status === 'succeeded') return settled(state, options.now().toISOString());
    if (state.status === 'failed') return { kind: 'failed', failure: { reason: 'channel_refund_failed' } };
    return { kind: 'pending', why: 'the channel is still processing the refund' };
  } catch (error) {
    if (error instanceof ChannelRejectedError && !RETRYABLE_REJECTIONS.has(error.reason)) {
      return {
        kind: 'failed',
        failure: { reason: error.reason, channelCode: error.channelCode, channelMessage: error.channelMessage },
      };
    }
    // Unavailable, a protocol error, a retryable refusal, anything unexpected: the outcome is unknown or may change.
    return { kind: 'pending', why: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
};
