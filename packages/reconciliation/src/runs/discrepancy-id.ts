import { createHash } from 'node:crypto';
import type { ChannelId } from '@platform/payment-channels';
import { type RecordKey, recordKey } from '../matching/platform-record.ts';

/**
 * A discrepancy's id must survive a re-run of its day, so that the workflow (assignee, comments, resolution) of
 * "the same discrepancy" carries over. It is therefore derived, not drawn:
 *
 *   `<channel>.<businessDate>.<first 24 hex of SHA-256(record key, occurrence)>`
 *
 * - the record key (channel, kind, order number, refund number) is what the discrepancy is about;
 * - the occurrence counts earlier discrepancies of the same key in the run (0, 1, …), in the engine's deterministic
 *   order, so that two duplicate lines of one order are two discrepancies;
 * - the class, reason, amounts and line numbers are NOT in it: a corrected statement that turns an amount mismatch
 *   of an order into a shortage keeps the same discrepancy and its workflow; the run shows the new class.
 * A discrepancy that a re-run no longer finds is simply not in the current run; its workflow state stays for the
 * audit trail. The channel and day in clear let the workflow find the current run without an index.
 */
export const discrepancyId = (channel: ChannelId, businessDate: string, key: RecordKey, occurrence: number): string => {
  const hash = createHash('sha256')
    .update(`${recordKey(key)}\u0000${occurrence}`)
    .digest('hex')
    .slice(0, 24);
  return `${channel}.${businessDate}.${hash}`;
};

const ID = /^(sandbox|alipay|wechat-pay|unionpay)\.(\d{4}-\d{2}-\d{2})\.([0-9a-f]{24})$/;

export const parseDiscrepancyId = (
  id: string,
): { readonly channel: ChannelId; readonly businessDate: string } | undefined => {
  const match = ID.exec(id);
  return match ? { channel: match[1] as ChannelId, businessDate: match[2] as string } : undefined;
};

/** Numbers occurrences of each key as discrepancies come out of one run. Memory: one entry per discrepant key. */
export class DiscrepancyIds {
  readonly #seen = new Map<string, number>();
  readonly #channel: ChannelId;
  readonly #businessDate: string;

  constructor(channel: ChannelId, businessDate: string) {
    this.#channel = channel;
    this.#businessDate = businessDate;
  }

  next(key: RecordKey): string {
    const text = recordKey(key);
    const occurrence = this.#seen.get(text) ?? 0;
    this.#seen.set(text, occurrence + 1);
    return discrepancyId(this.#channel, this.#businessDate, key, occurrence);
  }
}
