/**
 * What a channel can do, declared by each adapter. The platform offers a channel only for what it declares, and an
 * adapter asked for anything it does not declare throws `ChannelUnsupportedError`. It never does nothing quietly.
 *
 * - `pagePay`: a payment the payer completes on the channel's own web page (redirect or auto-submitting form).
 * - `qrPay`: a payment the payer completes by scanning a QR code with the channel's app.
 * - `query`, `close`, `refund`, `refundQuery`: the matching `PaymentChannel` methods.
 * - `notifications`: the channel tells the platform about payments and refunds (`parseNotification`). A channel without
 *   it must be polled with `queryPayment`.
 * - `statements`: the channel publishes a daily statement (`statement`).
 */
export const CHANNEL_CAPABILITIES = [
  'pagePay',
  'qrPay',
  'query',
  'close',
  'refund',
  'refundQuery',
  'notifications',
  'statements',
] as const;

export type ChannelCapability = (typeof CHANNEL_CAPABILITIES)[number];

/** The two ways a payer can complete a payment; `createPayment` takes one of them. */
export type PaymentMethod = Extract<ChannelCapability, 'pagePay' | 'qrPay'>;

/** Every channel the platform knows. Each has one folder beside `channel/`. */
export type ChannelId = 'sandbox' | 'alipay' | 'wechat-pay' | 'unionpay';
