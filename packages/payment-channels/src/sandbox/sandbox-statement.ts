import { businessDayBounds } from '../channel/business-date.ts';
import type { ChannelStatementLine } from '../channel/payment-channel.ts';
import type { SandboxOrder } from './sandbox-order.ts';

/**
 * The sandbox's daily statement: UTF-8 CSV, one line per payment and per refund that happened during the Asia/Shanghai
 * business day, in time order, with a header line:
 *
 *     kind,order_number,refund_number,transaction_id,amount_fen,fee_fen,occurred_at
 *     payment,ORD-1,,sbx_…,12300,74,2025-03-01T02:00:00.000Z
 *     refund,ORD-1,RF-1,sbx_…,2300,-14,2025-03-01T03:00:00.000Z
 *
 * The fee is 0.6% rounded half up, returned pro rata on refunds (negative), as Alipay charges. No field needs
 * quoting: the numbers are `[A-Za-z0-9_-]`.
 */
export const SANDBOX_STATEMENT_FORMAT = 'sandbox-csv';
export const SANDBOX_STATEMENT_HEADER = 'kind,order_number,refund_number,transaction_id,amount_fen,fee_fen,occurred_at';

/** 0.6%, rounded half up, in integers. */
export const sandboxFeeFen = (amountFen: number): number => Math.floor((amountFen * 6 + 500) / 1000);

export const sandboxStatementLines = (
  orders: readonly SandboxOrder[],
  businessDate: string,
): ChannelStatementLine[] => {
  const { startMs, endMs } = businessDayBounds(businessDate);
  const within = (at: number | undefined): at is number => at !== undefined && at >= startMs && at < endMs;
  const lines: { readonly at: number; readonly line: ChannelStatementLine }[] = [];
  for (const order of orders) {
    if (order.status === 'paid' && within(order.paidAt)) {
      const line: ChannelStatementLine = {
        kind: 'payment',
        orderNumber: order.orderNumber,
        channelTransactionId: order.transactionId,
        amountFen: order.amountFen,
        feeFen: sandboxFeeFen(order.amountFen),
        occurredAt: new Date(order.paidAt).toISOString(),
      };
      lines.push({ at: order.paidAt, line });
    }
    for (const refund of order.refunds.filter((candidate) => within(candidate.refundedAt))) {
      const line: ChannelStatementLine = {
        kind: 'refund',
        orderNumber: order.orderNumber,
        refundNumber: refund.refundNumber,
        channelTransactionId: order.transactionId,
        amountFen: refund.amountFen,
        feeFen: -sandboxFeeFen(refund.amountFen),
        occurredAt: new Date(refund.refundedAt).toISOString(),
      };
      lines.push({ at: refund.refundedAt, line });
    }
  }
  return lines.sort((a, b) => a.at - b.at).map(({ line }) => line);
};

export const formatSandboxStatementLine = (line: ChannelStatementLine): string =>
  [
    line.kind,
    line.orderNumber,
    line.refundNumber ?? '',
    line.channelTransactionId,
    line.amountFen,
    line.feeFen,
    line.occurredAt,
  ].join(',');

const integer = (value: string | undefined, lineNumber: number): number => {
  if (value === undefined || !/^-?\d{1,15}$/.test(value)) throw new TypeError(`Line ${lineNumber}: not an integer.`);
  return Number(value);
};

const parseLine = (text: string, lineNumber: number): ChannelStatementLine => {
  const [kind, orderNumber, refundNumber, transactionId, amount, fee, occurredAt, ...rest] = text.split(',');
  if ((kind !== 'payment' && kind !== 'refund') || !orderNumber || !transactionId || !occurredAt || rest.length > 0) {
    throw new TypeError(`Line ${lineNumber} is not a sandbox statement line.`);
  }
  if (kind === 'refund' && !refundNumber) throw new TypeError(`Line ${lineNumber}: a refund without its number.`);
  return {
    kind,
    orderNumber,
    ...(kind === 'refund' ? { refundNumber } : {}),
    channelTransactionId: transactionId,
    amountFen: integer(amount, lineNumber),
    feeFen: integer(fee, lineNumber),
    occurredAt,
  };
};

/** Reads a sandbox statement as it streams in, one line at a time. */
export async function* parseSandboxStatement(body: AsyncIterable<Uint8Array>): AsyncIterable<ChannelStatementLine> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let pending = '';
  let lineNumber = 0;
  const take = function* (complete: boolean) {
    const parts = pending.split('\n');
    pending = complete ? '' : (parts.pop() ?? '');
    for (const part of parts) {
      lineNumber += 1;
      const text = part.replace(/\r$/, '');
      if (lineNumber === 1) {
        if (text !== SANDBOX_STATEMENT_HEADER) throw new TypeError('Not a sandbox statement: unexpected header.');
      } else if (text !== '') {
        yield parseLine(text, lineNumber);
      }
    }
  };
  for await (const chunk of body) {
    pending += decoder.decode(chunk, { stream: true });
    yield* take(false);
  }
  pending += decoder.decode();
  yield* take(true);
}
