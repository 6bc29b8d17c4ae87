import { AlipaySdk } from 'alipay-sdk';
import { businessDayBounds } from '../channel/business-date.ts';
import type { ChannelCapability, PaymentMethod } from '../channel/capabilities.ts';
import { requireCapability } from '../channel/capability-guard.ts';
import {
  ChannelProtocolError,
  ChannelRejectedError,
  ChannelUnavailableError,
  NotificationRejectedError,
  StatementNotReadyError,
} from '../channel/channel-errors.ts';
import { bodyText } from '../channel/notification-input.ts';
import type {
  CreatePaymentInput,
  PaymentChannel,
  PaymentInstruction,
  PaymentState,
  RefundState,
} from '../channel/payment-channel.ts';
import {
  assertCreatePaymentInput,
  assertPlatformNumber,
  assertRefundInput,
  assertRefundLookup,
} from '../channel/request-validation.ts';
import { type AlipayAnswer, answerFen, answerText, answerTime, requireSuccess, subCodeOf } from './alipay-answer.ts';
import {
  ALIPAY_ACKNOWLEDGEMENT,
  ALIPAY_REJECTION_ACKNOWLEDGEMENT,
  ALIPAY_RETRY_ACKNOWLEDGEMENT,
  alipayEventOf,
} from './alipay-notification.ts';
import { translateSdkError } from './alipay-sdk-errors.ts';
import { toAlipayTime } from './shanghai-time.ts';
import { ALIPAY_TRADE_BILL_FORMAT } from './trade-bill-format.ts';
import { fenToYuan } from './yuan-amount.ts';

/**
 * `PaymentChannel` for Alipay through the official `alipay-sdk`, in public-key mode with RSA2 (SHA256withRSA). It uses
 * the open API v2 gateway (`<baseUrl>/gateway.do`), where the trade methods live:
 *
 * | capability    | Alipay                                                                     |
 * | ------------- | -------------------------------------------------------------------------- |
 * | `pagePay`     | `alipay.trade.page.pay` (电脑网站支付): a signed link or form, no server call |
 * | `qrPay`       | `alipay.trade.precreate` (当面付 扫码): returns `qr_code`                    |
 * | `query`       | `alipay.trade.query`                                                       |
 * | `close`       | `alipay.trade.close`                                                       |
 * | `refund`      | `alipay.trade.refund` with `out_request_no` = refund number                |
 * | `refundQuery` | `alipay.trade.fastpay.refund.query`                                        |
 * | `notifications` | verified with the SDK's `checkNotifySignV2`, answered `success`          |
 * | `statements`  | `alipay.data.dataservice.bill.downloadurl.query`, then the file's bytes     |
 *
 * Every answer's signature is verified by the SDK (`validateSign`) before it is read.
 */
export interface AlipayChannelOptions {
  readonly appId: string;
  /** The app's private key: PEM, or the bare base64 the Alipay key tool prints. */
  readonly appPrivateKey: string;
  /** Default `PKCS1`, the SDK's default. The Alipay key tool prints PKCS8. */
  readonly keyType?: 'PKCS1' | 'PKCS8';
  readonly alipayPublicKey: string;
  /** Default `https://openapi.alipay.com`. A simulator's base URL stands in for it. */
  readonly baseUrl?: string;
  /** The contracted payment products. Default `['pagePay']`. `qrPay` needs 当面付. */
  readonly products?: readonly PaymentMethod[];
  /** `redirect` (default): a GET link. `form`: an auto-submitting POST form (shorter URLs, needs inline script). */
  readonly pagePayAs?: 'redirect' | 'form';
  /** The merchant's partner id (`2088…`). When given, notifications for another seller are rejected. */
  readonly sellerId?: string;
  /** Gateway timeout. Default 5000. */
  readonly timeoutMs?: number;
  /** Bill download timeout, body included. Default 300000. */
  readonly statementTimeoutMs?: number;
}

const SERVICE_CAPABILITIES: readonly ChannelCapability[] = [
  'query',
  'close',
  'refund',
  'refundQuery',
  'notifications',
  'statements',
];

export const createAlipayChannel = (options: AlipayChannelOptions): PaymentChannel => {
  if (!options.appId || !options.appPrivateKey || !options.alipayPublicKey) {
    throw new TypeError('Alipay needs appId, appPrivateKey and alipayPublicKey.');
  }
  const baseUrl = (options.baseUrl ?? 'https://openapi.alipay.com').replace(/\/+$/, '');
  const sdk = new AlipaySdk({
    appId: options.appId,
    privateKey: options.appPrivateKey,
    keyType: options.keyType ?? 'PKCS1',
    alipayPublicKey: options.alipayPublicKey,
    signType: 'RSA2',
    gateway: `${baseUrl}/gateway.do`,
    endpoint: baseUrl,
    timeout: options.timeoutMs ?? 5000,
    camelcase: false,
  });
  const capabilities: ReadonlySet<ChannelCapability> = new Set([
    ...(options.products ?? ['pagePay']),
    ...SERVICE_CAPABILITIES,
  ]);
  const guard = (capability: ChannelCapability) => requireCapability('alipay', capabilities, capability);

  const exec = async (method: string, params: Record<string, unknown>): Promise<AlipayAnswer> => {
    try {
      return await sdk.exec(method, params, { validateSign: true });
    } catch (error) {
      throw translateSdkError(method, error);
    }
  };

  const tradeBiz = (input: CreatePaymentInput) => ({
    out_trade_no: input.orderNumber,
    total_amount: fenToYuan(input.amountFen),
    subject: input.subject,
    time_expire: toAlipayTime(input.expiresAt),
  });

  const pagePay = (input: CreatePaymentInput): PaymentInstruction => {
    const asForm = options.pagePayAs === 'form';
    const signed = sdk.pageExecute('alipay.trade.page.pay', asForm ? 'POST' : 'GET', {
      bizContent: { ...tradeBiz(input), product_code: 'FAST_INSTANT_TRADE_PAY' },
      returnUrl: input.returnUrl,
      notifyUrl: input.notifyUrl,
    });
    return asForm ? { kind: 'form', html: signed } : { kind: 'redirect', url: signed };
  };

  const qrPay = async (input: CreatePaymentInput): Promise<PaymentInstruction> => {
    const method = 'alipay.trade.precreate';
    const answer = await exec(method, { notify_url: input.notifyUrl, bizContent: tradeBiz(input) });
    requireSuccess(method, answer);
    return { kind: 'qr', content: answerText(method, answer, 'qr_code') };
  };

  const queryPayment = async (orderNumber: string): Promise<PaymentState> => {
    guard('query');
    assertPlatformNumber(orderNumber, 'orderNumber');
    const method = 'alipay.trade.query';
    const answer = await exec(method, { bizContent: { out_trade_no: orderNumber } });
    if (subCodeOf(answer) === 'ACQ.TRADE_NOT_EXIST') return { status: 'not_found' };
    requireSuccess(method, answer);
    const base = {
      channelTransactionId: answerText(method, answer, 'trade_no'),
      amountFen: answerFen(method, answer, 'total_amount'),
    };
    const tradeStatus = answerText(method, answer, 'trade_status');
    // A trade closed by a full refund was paid: it still has its pay date.
    const paid =
      tradeStatus === 'TRADE_SUCCESS' ||
      tradeStatus === 'TRADE_FINISHED' ||
      (tradeStatus === 'TRADE_CLOSED' && answer.send_pay_date !== undefined);
    if (paid) return { status: 'paid', ...base, paidAt: answerTime(method, answer, 'send_pay_date') };
    if (tradeStatus === 'TRADE_CLOSED') return { status: 'closed', ...base };
    if (tradeStatus === 'WAIT_BUYER_PAY') return { status: 'pending', ...base };
    throw new ChannelProtocolError('alipay', `Alipay answered an unknown trade_status ${tradeStatus}.`);
  };

  const queryRefund: PaymentChannel['queryRefund'] = async (lookup) => {
    guard('refundQuery');
    assertRefundLookup(lookup);
    const method = 'alipay.trade.fastpay.refund.query';
    const answer = await exec(method, {
      bizContent: {
        out_trade_no: lookup.orderNumber,
        out_request_no: lookup.refundNumber,
        query_options: ['gmt_refund_pay'],
      },
    });
    if (subCodeOf(answer) === 'ACQ.TRADE_NOT_EXIST') return { status: 'not_found' };
    requireSuccess(method, answer);
    // Alipay's documented rule: no refund fields means no such refund. Fields with an empty or REFUND_SUCCESS status
    // mean it succeeded.
    if (answer.refund_amount === undefined) return { status: 'not_found' };
    const refundStatus = answer.refund_status;
    const state: RefundState = {
      status:
        refundStatus === undefined || refundStatus === '' || refundStatus === 'REFUND_SUCCESS'
          ? 'succeeded'
          : 'processing',
      orderNumber: lookup.orderNumber,
      refundNumber: lookup.refundNumber,
      amountFen: answerFen(method, answer, 'refund_amount'),
    };
    return answer.gmt_refund_pay === undefined
      ? state
      : { ...state, refundedAt: answerTime(method, answer, 'gmt_refund_pay') };
  };

  return {
    id: 'alipay',
    capabilities,

    createPayment: async (input) => {
      const method = input.method ?? 'pagePay';
      guard(method);
      assertCreatePaymentInput(input);
      return method === 'qrPay' ? qrPay(input) : pagePay(input);
    },

    queryPayment,

    closePayment: async (orderNumber) => {
      guard('close');
      assertPlatformNumber(orderNumber, 'orderNumber');
      const method = 'alipay.trade.close';
      const answer = await exec(method, { bizContent: { out_trade_no: orderNumber } });
      const subCode = subCodeOf(answer);
      if (subCode === 'ACQ.TRADE_NOT_EXIST') return { status: 'not_found' };
      if (subCode === 'ACQ.TRADE_STATUS_ERROR') {
        // Closed already (idempotent), or paid (refused): only a query tells which.
        const state = await queryPayment(orderNumber);
        if (state.status === 'closed') return { status: 'closed' };
        requireSuccess(method, answer, { 'ACQ.TRADE_STATUS_ERROR': state.status === 'paid' ? 'order_paid' : 'other' });
      }
      requireSuccess(method, answer);
      return { status: 'closed' };
    },

    refund: async (input) => {
      guard('refund');
      assertRefundInput(input);
      const method = 'alipay.trade.refund';
      const answer = await exec(method, {
        bizContent: {
          out_trade_no: input.orderNumber,
          refund_amount: fenToYuan(input.amountFen),
          refund_reason: input.reason,
          out_request_no: input.refundNumber,
        },
      });
      requireSuccess(method, answer, { 'ACQ.TRADE_STATUS_ERROR': 'order_not_paid' });
      if (answer.fund_change === 'Y' && typeof answer.gmt_refund_pay === 'string') {
        return {
          status: 'succeeded',
          orderNumber: input.orderNumber,
          refundNumber: input.refundNumber,
          amountFen: input.amountFen,
          refundedAt: answerTime(method, answer, 'gmt_refund_pay'),
        };
      }
      // `fund_change: N` is how Alipay answers a repeated refund. It does not say the refund failed, so Alipay's
      // documentation says to ask the refund query, which then gives the original refund.
      const confirmed = await queryRefund(input);
      if (confirmed.status !== 'not_found') return confirmed;
      return {
        status: 'processing',
        orderNumber: input.orderNumber,
        refundNumber: input.refundNumber,
        amountFen: input.amountFen,
      };
    },

    queryRefund,

    parseNotification: async (notification) => {
      guard('notifications');
      const reject = (message: string, cause?: unknown): never => {
        throw new NotificationRejectedError('alipay', message, ALIPAY_REJECTION_ACKNOWLEDGEMENT, { cause });
      };
      // The form body decoded once. `checkNotifySignV2` must not decode again: a `%` in a subject would break it.
      const params = Object.fromEntries(new URLSearchParams(bodyText(notification.body)));
      if (!params.sign) return reject('The Alipay notification is not signed.');
      if ((params.charset ?? 'utf-8').toLowerCase() !== 'utf-8') return reject('Only UTF-8 notifications are read.');
      if (!sdk.checkNotifySignV2(params)) return reject('The Alipay notification signature does not verify.');
      if (params.app_id !== options.appId) return reject(`The notification is for app ${params.app_id}.`);
      if (options.sellerId !== undefined && params.seller_id !== options.sellerId) {
        return reject(`The notification is for seller ${params.seller_id}.`);
      }
      try {
        return {
          event: alipayEventOf(params),
          acknowledgement: ALIPAY_ACKNOWLEDGEMENT,
          retryAcknowledgement: ALIPAY_RETRY_ACKNOWLEDGEMENT,
        };
      } catch (cause) {
        return reject('The Alipay notification is signed but malformed.', cause);
      }
    },

    statement: async (businessDate) => {
      guard('statements');
      businessDayBounds(businessDate);
      const method = 'alipay.data.dataservice.bill.downloadurl.query';
      const answer = await exec(method, { bizContent: { bill_type: 'trade', bill_date: businessDate } });
      if (subCodeOf(answer) === 'isp.bill_not_exist') throw new StatementNotReadyError('alipay', businessDate);
      requireSuccess(method, answer);
      const url = answerText(method, answer, 'bill_download_url');
      let response: Response;
      try {
        response = await fetch(url, { signal: AbortSignal.timeout(options.statementTimeoutMs ?? 300_000) });
      } catch (cause) {
        throw new ChannelUnavailableError('alipay', 'The Alipay bill download did not answer.', { cause });
      }
      if (!response.ok || !response.body) {
        await response.body?.cancel();
        if (response.status >= 500) {
          throw new ChannelUnavailableError('alipay', `The Alipay bill download answered HTTP ${response.status}.`);
        }
        throw new ChannelRejectedError('alipay', 'other', `HTTP_${response.status}`, 'The bill download URL failed.');
      }
      const fileName =
        /filename="?([^";]+)"?/.exec(response.headers.get('content-disposition') ?? '')?.[1] ??
        `${businessDate.replaceAll('-', '')}.csv.zip`;
      return { channel: 'alipay', businessDate, format: ALIPAY_TRADE_BILL_FORMAT, fileName, body: response.body };
    },
  };
};
