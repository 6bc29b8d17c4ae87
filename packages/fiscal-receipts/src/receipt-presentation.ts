import { formatYuan } from '@platform/payment-notices';
import type { ReceiptStatus } from './fiscal-receipt.ts';

/**
 * How receipts print instants and states, shared by the PDF and the pages: times in China (UTC+8, no DST), the
 * state in both languages.
 */
export const chinaTime = (instant: string): string => {
  const shifted = new Date(Date.parse(instant) + 8 * 3_600_000).toISOString();
  return `${shifted.slice(0, 10)} ${shifted.slice(11, 19)} (UTC+8)`;
};

export const yuan = (fen: number): string => formatYuan(fen);

export const STATUS_TEXT: Readonly<Record<ReceiptStatus, { readonly zh: string; readonly en: string }>> = {
  issued: { zh: '有效', en: 'Valid' },
  partially_credited: { zh: '部分红字冲销', en: 'Partially credited (refunded in part)' },
  voided: { zh: '已全额红字冲销（作废）', en: 'Voided (refunded in full)' },
};

/** The channel ids of `@platform/payment-orders`, as a payer knows them. */
export const CHANNEL_TEXT: Readonly<Record<string, { readonly zh: string; readonly en: string }>> = {
  sandbox: { zh: '沙箱支付', en: 'Sandbox' },
  alipay: { zh: '支付宝', en: 'Alipay' },
  'wechat-pay': { zh: '微信支付', en: 'WeChat Pay' },
  wechatpay: { zh: '微信支付', en: 'WeChat Pay' },
  unionpay: { zh: '银联', en: 'UnionPay' },
};

export const channelText = (channel: string) => CHANNEL_TEXT[channel] ?? { zh: channel, en: channel };

/** Where a receipt is checked: the page of this receipt with its code (the QR code), and the general form. */
export const receiptUrls = (paymentsUrl: string, receiptNumber: string, verificationCode: string) => {
  const base = paymentsUrl.replace(/\/+$/, '');
  return {
    receipt: `${base}/receipts/${receiptNumber}?code=${verificationCode}`,
    verify: `${base}/receipts/verify`,
    pdf: `${base}/receipts/${receiptNumber}/pdf?code=${verificationCode}`,
    jwks: `${base}/v1/receipts/keys`,
  };
};
