import { createHash } from 'node:crypto';
import {
  type ChannelStatementLine,
  formatSandboxStatementLine,
  SANDBOX_STATEMENT_HEADER,
  sandboxFeeFen,
} from '@platform/payment-channels';
// The channels' own bill generators (simulator internals, not exported by the package): tests only.
import { tradeBillZip } from '../../../payment-channels/src/alipay/simulator/bill/trade-bill.ts';
import type { SimulatedTrade as AlipayTrade } from '../../../payment-channels/src/alipay/simulator/trade-book.ts';
import { tradeBillCsv } from '../../../payment-channels/src/wechat-pay/simulator/bill/trade-bill.ts';
import type { SimulatedTrade as WechatTrade } from '../../../payment-channels/src/wechat-pay/simulator/trade-book.ts';

/** What a channel booked, before it is written in a channel's format. Times in epoch ms. */
export interface BookedPayment {
  readonly orderNumber: string;
  readonly amountFen: number;
  readonly paidAt: number;
  readonly refunds?: readonly { readonly refundNumber: string; readonly amountFen: number; readonly at: number }[];
  /** The channel books the payment line twice (a duplicate). */
  readonly twice?: boolean;
}

export const feeFen = sandboxFeeFen;

/** Serves bytes in chunks of `size`, so that lines and multibyte characters straddle chunk boundaries. */
export async function* chunked(bytes: Uint8Array, size = 7): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}

export const sandboxCsv = (booked: readonly BookedPayment[]): Buffer => {
  const lines: { at: number; line: ChannelStatementLine }[] = [];
  for (const payment of booked) {
    const channelTransactionId = `sbx_${payment.orderNumber}`;
    const line: ChannelStatementLine = {
      kind: 'payment',
      orderNumber: payment.orderNumber,
      channelTransactionId,
      amountFen: payment.amountFen,
      feeFen: sandboxFeeFen(payment.amountFen),
      occurredAt: new Date(payment.paidAt).toISOString(),
    };
    lines.push({ at: payment.paidAt, line });
    if (payment.twice) lines.push({ at: payment.paidAt, line });
    for (const refund of payment.refunds ?? []) {
      lines.push({
        at: refund.at,
        line: {
          kind: 'refund',
          orderNumber: payment.orderNumber,
          refundNumber: refund.refundNumber,
          channelTransactionId,
          amountFen: refund.amountFen,
          feeFen: -sandboxFeeFen(refund.amountFen),
          occurredAt: new Date(refund.at).toISOString(),
        },
      });
    }
  }
  const rows = lines.sort((a, b) => a.at - b.at).map(({ line }) => formatSandboxStatementLine(line));
  return Buffer.from(`${[SANDBOX_STATEMENT_HEADER, ...rows].join('\n')}\n`, 'utf8');
};

const alipayTrades = (booked: readonly BookedPayment[]): AlipayTrade[] =>
  booked.flatMap((payment, index) => {
    const trade: AlipayTrade = {
      tradeNo: `2025030122001${String(index).padStart(15, '0')}`,
      outTradeNo: payment.orderNumber,
      subject: '不动产登记费，测试',
      totalFen: payment.amountFen,
      productCode: 'FAST_INSTANT_TRADE_PAY',
      createdAt: payment.paidAt - 60_000,
      status: 'TRADE_SUCCESS',
      paidAt: payment.paidAt,
      buyerLogonId: 'pay***@example.com',
      refunds: (payment.refunds ?? []).map((refund) => ({
        outRequestNo: refund.refundNumber,
        amountFen: refund.amountFen,
        reason: '退费',
        refundedAt: refund.at,
      })),
    };
    return payment.twice ? [trade, trade] : [trade];
  });

export const alipayBillZip = (booked: readonly BookedPayment[], businessDate: string): Buffer =>
  tradeBillZip({ pid: '2088102177846880', businessDate, trades: alipayTrades(booked), generatedAt: Date.now() }).zip;

const wechatTrades = (booked: readonly BookedPayment[]): WechatTrade[] =>
  booked.flatMap((payment, index) => {
    const trade: WechatTrade = {
      outTradeNo: payment.orderNumber,
      appid: 'wx8888888888888888',
      mchid: '1230000109',
      description: '出入境证件工本费',
      totalFen: payment.amountFen,
      tradeType: 'NATIVE',
      createdAt: payment.paidAt - 60_000,
      notifyUrl: 'https://platform.example/notify/wechat-pay',
      payCode: `code${index}`,
      state: payment.refunds?.length ? 'REFUND' : 'SUCCESS',
      transactionId: `4200000000202503010${String(index).padStart(9, '0')}`,
      paidAt: payment.paidAt,
      openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o',
      refunds: (payment.refunds ?? []).map((refund, refundIndex) => ({
        refundId: `503000000020250301${String(index * 10 + refundIndex).padStart(11, '0')}`,
        outRefundNo: refund.refundNumber,
        outTradeNo: payment.orderNumber,
        amountFen: refund.amountFen,
        reason: '退费',
        createdAt: refund.at,
        dueAt: refund.at,
        status: 'SUCCESS',
        successAt: refund.at,
      })),
    };
    return payment.twice ? [trade, trade] : [trade];
  });

export const wechatPayBill = (
  booked: readonly BookedPayment[],
  businessDate: string,
): { readonly csv: Buffer; readonly sha1: string } => {
  const csv = tradeBillCsv(wechatTrades(booked), businessDate);
  if (csv === undefined) throw new Error('Nothing to bill.');
  return { csv, sha1: createHash('sha1').update(csv).digest('hex') };
};

/** Every line of a parsed statement, its batches joined. */
export const collectLines = async <T>(batches: AsyncIterable<readonly T[]>): Promise<T[]> => {
  const out: T[] = [];
  for await (const batch of batches) out.push(...batch);
  return out;
};
