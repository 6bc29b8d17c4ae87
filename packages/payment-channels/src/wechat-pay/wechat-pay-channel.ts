import { createHash, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import { businessDayBounds } from '../channel/business-date.ts';
import type { ChannelCapability, PaymentMethod } from '../channel/capabilities.ts';
import { requireCapability } from '../channel/capability-guard.ts';
import {
  ChannelProtocolError,
  ChannelRejectedError,
  type ChannelRejectionReason,
  ChannelUnavailableError,
  StatementNotReadyError,
} from '../channel/channel-errors.ts';
import { type Clock, systemClock } from '../channel/clock.ts';
import type {
  ChannelStatement,
  CreatePaymentInput,
  PaymentChannel,
  PaymentInstruction,
  PaymentState,
  RefundLookup,
  RefundNotFound,
  RefundState,
} from '../channel/payment-channel.ts';
import {
  assertCreatePaymentInput,
  assertPlatformNumber,
  assertRefundInput,
  assertRefundLookup,
} from '../channel/request-validation.ts';
import { WECHAT_PAY_TRADE_BILL_FORMAT } from './trade-bill-format.ts';
import {
  answerFen,
  answerObject,
  answerText,
  answerTime,
  translateWechatPayError,
  type WechatPayAnswer,
} from './wechat-pay-answer.ts';
import { readWechatPayNotification } from './wechat-pay-notification.ts';
import { toWechatPayTime } from './wechat-pay-time.ts';
import { createWechatPayV3Client, type V3Answer, type V3Request } from './wechat-pay-v3-client.ts';

/**
 * `PaymentChannel` for WeChat Pay, APIv3, as a directly connected merchant (普通商户), through its APIv3 client
 * (`wechat-pay-v3-client.ts`): it signs every request (`Authorization: WECHATPAY2-SHA256-RSA2048 …` with the
 * merchant's API key) and verifies every 2xx answer against the WeChat Pay public keys before the adapter reads it.
 *
 * | capability      | WeChat Pay                                                                             |
 * | --------------- | -------------------------------------------------------------------------------------- |
 * | `qrPay`         | Native: `POST /v3/pay/transactions/native` → `code_url`                                 |
 * | `pagePay`       | H5 (mobile browsers outside WeChat): `POST /v3/pay/transactions/h5` → `h5_url`, with the return URL appended as `redirect_url` |
 * | `query`         | `GET /v3/pay/transactions/out-trade-no/{out_trade_no}?mchid=`                           |
 * | `close`         | `POST /v3/pay/transactions/out-trade-no/{out_trade_no}/close` (204)                      |
 * | `refund`        | the order is queried for its total, then `POST /v3/refund/domestic/refunds`              |
 * | `refundQuery`   | `GET /v3/refund/domestic/refunds/{out_refund_no}`                                        |
 * | `notifications` | signed, AES-256-GCM encrypted JSON (see `wechat-pay-notification.ts`)                    |
 * | `statements`    | `GET /v3/bill/tradebill?bill_type=ALL`, then the file, its SHA1 checked as it streams    |
 */
export interface WechatPayChannelOptions {
  /** 商户号. */
  readonly mchid: string;
  /** The app id bound to the merchant (公众号, 移动应用 or 小程序), sent with every order. */
  readonly appid: string;
  /** 商户API证书私钥 (`apiclient_key.pem`), PEM. */
  readonly merchantPrivateKey: string;
  /** 商户API证书序列号. */
  readonly merchantSerialNo: string;
  /**
   * WeChat Pay's public keys, by the `Wechatpay-Serial` they sign with: `{ 'PUB_KEY_ID_…': pem }` in public-key mode,
   * or platform certificate serials with their public keys. Several during a rotation.
   */
  readonly platformPublicKeys: Readonly<Record<string, string>>;
  /** The APIv3 key (32 characters) that decrypts notifications. */
  readonly apiV3Key: string;
  /** Default `https://api.mch.weixin.qq.com`. A simulator's base URL stands in for it. */
  readonly baseUrl?: string;
  /** The contracted payment products: `qrPay` (Native), `pagePay` (H5). Default `['qrPay']`. */
  readonly products?: readonly PaymentMethod[];
  /** Where refund results are notified. Without it WeChat Pay uses the URL configured on the merchant platform. */
  readonly refundNotifyUrl?: string;
  /** H5 needs the payer's IP: `payerHint.clientIp`, else this. Default `127.0.0.1`, which real H5 pay refuses. */
  readonly fallbackPayerClientIp?: string;
  /** H5 scene type. Default `Wap`. */
  readonly h5SceneType?: 'Wap' | 'iOS' | 'Android';
  /** API timeout. Default 5000. */
  readonly timeoutMs?: number;
  /** Bill download timeout, body included. Default 300000. */
  readonly statementTimeoutMs?: number;
  /** Reads notification timestamps. Default the system clock. */
  readonly clock?: Clock;
  /** How far a notification's timestamp may be from now. Default five minutes. */
  readonly notificationToleranceMs?: number;
}

/** A WeChat Pay statement also carries the SHA1 WeChat Pay signed for the file. `body` throws if it does not match. */
export interface WechatPayStatement extends ChannelStatement {
  readonly hashType: 'SHA1';
  readonly hashValue: string;
}

export interface WechatPayChannel extends PaymentChannel {
  statement(businessDate: string): Promise<WechatPayStatement>;
}

const SERVICE_CAPABILITIES: readonly ChannelCapability[] = [
  'query',
  'close',
  'refund',
  'refundQuery',
  'notifications',
  'statements',
];

const BILL_DOWNLOAD_PATH = '/v3/billdownload/file';
const STATEMENT_NOT_READY_CODES = new Set(['NO_STATEMENT_EXIST', 'STATEMENT_CREATING']);

const keyOf = (serial: string, pem: string): KeyObject => {
  try {
    return createPublicKey(pem);
  } catch (cause) {
    throw new TypeError(`platformPublicKeys[${serial}] is not a public key.`, { cause });
  }
};

const merchantKeyOf = (pem: string): KeyObject => {
  try {
    return createPrivateKey(pem);
  } catch (cause) {
    throw new TypeError('merchantPrivateKey is not a private key.', { cause });
  }
};

export const createWechatPayChannel = (options: WechatPayChannelOptions): WechatPayChannel => {
  if (!options.mchid || !options.appid || !options.merchantPrivateKey || !options.merchantSerialNo) {
    throw new TypeError('WeChat Pay needs mchid, appid, merchantPrivateKey and merchantSerialNo.');
  }
  if (Buffer.byteLength(options.apiV3Key ?? '', 'utf8') !== 32) throw new TypeError('apiV3Key must be 32 bytes.');
  const platformKeys = new Map(
    Object.entries(options.platformPublicKeys ?? {}).map(([serial, pem]) => [serial, keyOf(serial, pem)]),
  );
  if (platformKeys.size === 0) throw new TypeError('platformPublicKeys must name at least one WeChat Pay key.');
  if (platformKeys.has(options.merchantSerialNo)) {
    throw new TypeError('platformPublicKeys must not contain the merchant certificate serial.');
  }
  const baseUrl = (options.baseUrl ?? 'https://api.mch.weixin.qq.com').replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 5000;
  const client = createWechatPayV3Client({
    mchid: options.mchid,
    merchantSerialNo: options.merchantSerialNo,
    merchantPrivateKey: merchantKeyOf(options.merchantPrivateKey),
    platformKeys,
    baseUrl,
    timeoutMs,
  });
  const capabilities: ReadonlySet<ChannelCapability> = new Set([
    ...(options.products ?? ['qrPay']),
    ...SERVICE_CAPABILITIES,
  ]);
  const guard = (capability: ChannelCapability) => requireCapability('wechat-pay', capabilities, capability);
  const clock = options.clock ?? systemClock;
  const verifier = {
    mchid: options.mchid,
    appid: options.appid,
    apiV3Key: Buffer.from(options.apiV3Key, 'utf8'),
    platformKeys,
    toleranceMs: options.notificationToleranceMs ?? 5 * 60_000,
    now: () => clock.now(),
  };

  const call = async (operation: string, request: V3Request): Promise<V3Answer> => {
    try {
      return await client.call(request);
    } catch (error) {
      throw translateWechatPayError(operation, error);
    }
  };

  const rejectionCode = (error: unknown): string | undefined =>
    error instanceof ChannelRejectedError ? error.channelCode : undefined;

  /** The order as WeChat Pay answers 查询订单, or `undefined` when it has never seen it. */
  const fetchTransaction = async (orderNumber: string): Promise<WechatPayAnswer | undefined> => {
    const operation = 'query';
    try {
      const { data } = await call(operation, {
        method: 'GET',
        path: `/v3/pay/transactions/out-trade-no/${encodeURIComponent(orderNumber)}`,
        query: { mchid: options.mchid },
      });
      const answer = answerObject(operation, data);
      if (answerText(operation, answer, 'out_trade_no') !== orderNumber || answer.mchid !== options.mchid) {
        throw new ChannelProtocolError('wechat-pay', `WeChat Pay answered ${operation} for another order or merchant.`);
      }
      return answer;
    } catch (error) {
      if (rejectionCode(error) === 'ORDER_NOT_EXIST' || rejectionCode(error) === 'ORDERNOTEXIST') return undefined;
      throw error;
    }
  };

  const orderBody = (input: CreatePaymentInput) => ({
    appid: options.appid,
    mchid: options.mchid,
    description: input.subject,
    out_trade_no: input.orderNumber,
    time_expire: toWechatPayTime(input.expiresAt),
    notify_url: input.notifyUrl,
    amount: { total: input.amountFen, currency: 'CNY' },
  });

  const qrPay = async (input: CreatePaymentInput): Promise<PaymentInstruction> => {
    const operation = 'native';
    const { data } = await call(operation, {
      method: 'POST',
      path: '/v3/pay/transactions/native',
      body: orderBody(input),
    });
    return { kind: 'qr', content: answerText(operation, answerObject(operation, data), 'code_url') };
  };

  const pagePay = async (input: CreatePaymentInput): Promise<PaymentInstruction> => {
    const operation = 'h5';
    const { data } = await call(operation, {
      method: 'POST',
      path: '/v3/pay/transactions/h5',
      body: {
        ...orderBody(input),
        scene_info: {
          payer_client_ip: input.payerHint?.clientIp ?? options.fallbackPayerClientIp ?? '127.0.0.1',
          h5_info: { type: options.h5SceneType ?? 'Wap' },
        },
      },
    });
    const h5Url = answerText(operation, answerObject(operation, data), 'h5_url');
    if (!URL.canParse(h5Url)) throw new ChannelProtocolError('wechat-pay', 'WeChat Pay answered an invalid h5_url.');
    // WeChat Pay's documented way back: append the URL-encoded return URL as `redirect_url`.
    const url = new URL(h5Url);
    url.searchParams.set('redirect_url', input.returnUrl);
    return { kind: 'redirect', url: url.toString() };
  };

  const queryPayment = async (orderNumber: string): Promise<PaymentState> => {
    guard('query');
    assertPlatformNumber(orderNumber, 'orderNumber');
    const operation = 'query';
    const answer = await fetchTransaction(orderNumber);
    if (!answer) return { status: 'not_found' };
    const tradeState = answerText(operation, answer, 'trade_state');
    const transaction =
      typeof answer.transaction_id === 'string' && answer.transaction_id !== ''
        ? { channelTransactionId: answer.transaction_id }
        : {};
    const amountFen = answerFen(operation, answer, 'total');
    switch (tradeState) {
      // REFUND: paid, then refunded in part or in whole. It stays paid.
      case 'SUCCESS':
      case 'REFUND':
        return {
          status: 'paid',
          channelTransactionId: answerText(operation, answer, 'transaction_id'),
          amountFen,
          paidAt: answerTime(operation, answer, 'success_time'),
        };
      case 'NOTPAY':
      case 'USERPAYING':
      case 'PAYERROR':
        return { status: 'pending', ...transaction, amountFen };
      case 'CLOSED':
      case 'REVOKED':
        return { status: 'closed', ...transaction, amountFen };
      default:
        throw new ChannelProtocolError('wechat-pay', `WeChat Pay answered an unknown trade_state ${tradeState}.`);
    }
  };

  const refundStateOf = (operation: string, data: unknown, lookup: RefundLookup): RefundState => {
    const answer = answerObject(operation, data);
    if (
      answerText(operation, answer, 'out_refund_no') !== lookup.refundNumber ||
      answerText(operation, answer, 'out_trade_no') !== lookup.orderNumber
    ) {
      throw new ChannelProtocolError('wechat-pay', `WeChat Pay answered ${operation} for another refund.`);
    }
    const status = answerText(operation, answer, 'status');
    const base = {
      orderNumber: lookup.orderNumber,
      refundNumber: lookup.refundNumber,
      amountFen: answerFen(operation, answer, 'refund'),
      channelRefundId: answerText(operation, answer, 'refund_id'),
    };
    switch (status) {
      case 'SUCCESS':
        return { status: 'succeeded', ...base, refundedAt: answerTime(operation, answer, 'success_time') };
      case 'PROCESSING':
        return { status: 'processing', ...base };
      case 'CLOSED':
      case 'ABNORMAL':
        return { status: 'failed', ...base };
      default:
        throw new ChannelProtocolError('wechat-pay', `WeChat Pay answered an unknown refund status ${status}.`);
    }
  };

  /** The refund as WeChat Pay answers 查询单笔退款, whatever its order, or `undefined` when there is none. */
  const fetchRefund = async (refundNumber: string): Promise<{ readonly data: unknown } | undefined> => {
    try {
      return await call('refundQuery', {
        method: 'GET',
        path: `/v3/refund/domestic/refunds/${encodeURIComponent(refundNumber)}`,
      });
    } catch (error) {
      if (rejectionCode(error) === 'RESOURCE_NOT_EXISTS') return undefined;
      throw error;
    }
  };

  const queryRefund = async (lookup: RefundLookup): Promise<RefundState | RefundNotFound> => {
    guard('refundQuery');
    assertRefundLookup(lookup);
    const found = await fetchRefund(lookup.refundNumber);
    if (!found) return { status: 'not_found' };
    const answer = answerObject('refundQuery', found.data);
    // Refund numbers are unique per merchant: one of another order is not this order's refund.
    if (answer.out_trade_no !== lookup.orderNumber) return { status: 'not_found' };
    return refundStateOf('refundQuery', answer, lookup);
  };

  /**
   * WeChat Pay answers most refused refunds with one code, `INVALID_REQUEST`, and says why in words. The refund number
   * taken (by another amount or order) is read from the refund itself, the rest from the message.
   */
  const explainRefusedRefund = async (
    refusal: ChannelRejectedError,
    refundNumber: string,
  ): Promise<ChannelRejectedError> => {
    const existing = await fetchRefund(refundNumber).catch(() => undefined);
    let reason: ChannelRejectionReason = 'invalid_request';
    if (existing) reason = 'refund_conflict';
    else if (/可退金额|超过.*(订单|金额)|全额退款/.test(refusal.channelMessage)) reason = 'refund_exceeds_paid';
    else if (/退款期限|超过一年/.test(refusal.channelMessage)) reason = 'refund_not_allowed';
    return new ChannelRejectedError('wechat-pay', reason, refusal.channelCode, refusal.channelMessage, {
      cause: refusal,
    });
  };

  return {
    id: 'wechat-pay',
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
      try {
        await call('close', {
          method: 'POST',
          path: `/v3/pay/transactions/out-trade-no/${encodeURIComponent(orderNumber)}/close`,
          body: { mchid: options.mchid },
        });
      } catch (error) {
        const code = rejectionCode(error);
        if (code === 'ORDER_NOT_EXIST' || code === 'ORDERNOTEXIST') return { status: 'not_found' };
        if (code === 'ORDER_CLOSED' || code === 'ORDERCLOSED') return { status: 'closed' };
        throw error;
      }
      return { status: 'closed' };
    },

    refund: async (input) => {
      guard('refund');
      assertRefundInput(input);
      // The refund must state the order's total, which the port does not carry: ask WeChat Pay.
      const order = await fetchTransaction(input.orderNumber);
      if (!order) throw new ChannelRejectedError('wechat-pay', 'order_not_found', 'ORDER_NOT_EXIST', '订单不存在');
      const tradeState = answerText('query', order, 'trade_state');
      if (tradeState !== 'SUCCESS' && tradeState !== 'REFUND') {
        const description = typeof order.trade_state_desc === 'string' ? order.trade_state_desc : '';
        throw new ChannelRejectedError('wechat-pay', 'order_not_paid', tradeState, description);
      }
      const operation = 'refund';
      try {
        const { data } = await call(operation, {
          method: 'POST',
          path: '/v3/refund/domestic/refunds',
          body: {
            out_trade_no: input.orderNumber,
            out_refund_no: input.refundNumber,
            ...(input.reason === '' ? {} : { reason: input.reason }),
            ...(options.refundNotifyUrl === undefined ? {} : { notify_url: options.refundNotifyUrl }),
            amount: { refund: input.amountFen, total: answerFen('query', order, 'total'), currency: 'CNY' },
          },
        });
        return refundStateOf(operation, data, input);
      } catch (error) {
        if (error instanceof ChannelRejectedError && error.channelCode === 'INVALID_REQUEST') {
          throw await explainRefusedRefund(error, input.refundNumber);
        }
        throw error;
      }
    },

    queryRefund,

    parseNotification: async (notification) => {
      guard('notifications');
      return readWechatPayNotification(notification, verifier);
    },

    statement: async (businessDate) => {
      guard('statements');
      businessDayBounds(businessDate);
      const operation = 'tradebill';
      let answer: WechatPayAnswer;
      try {
        const { data } = await call(operation, {
          method: 'GET',
          path: '/v3/bill/tradebill',
          query: { bill_date: businessDate, bill_type: 'ALL' },
        });
        answer = answerObject(operation, data);
      } catch (error) {
        const code = rejectionCode(error);
        if (code && STATEMENT_NOT_READY_CODES.has(code)) {
          throw new StatementNotReadyError('wechat-pay', businessDate, { cause: error });
        }
        throw error;
      }
      if (answerText(operation, answer, 'hash_type') !== 'SHA1') {
        throw new ChannelProtocolError('wechat-pay', `WeChat Pay answered an unknown hash_type ${answer.hash_type}.`);
      }
      const hashValue = answerText(operation, answer, 'hash_value').toLowerCase();
      const downloadUrl = answerText(operation, answer, 'download_url');
      if (!URL.canParse(downloadUrl) || new URL(downloadUrl).pathname !== BILL_DOWNLOAD_PATH) {
        throw new ChannelProtocolError('wechat-pay', 'WeChat Pay answered an unexpected bill download_url.');
      }
      const statementTimeoutMs = options.statementTimeoutMs ?? 300_000;
      // Signed like any request, sent to the configured base URL. The answer is not verified: the file is not signed,
      // its SHA1 above is.
      let download: Response;
      try {
        download = await client.download({
          path: BILL_DOWNLOAD_PATH,
          query: Object.fromEntries(new URL(downloadUrl).searchParams),
          timeoutMs: statementTimeoutMs,
        });
      } catch (error) {
        throw translateWechatPayError('billdownload', error);
      }
      const stream = download.body;
      if (download.status !== 200 || !stream) {
        await stream?.cancel();
        if (download.status >= 500) {
          throw new ChannelUnavailableError(
            'wechat-pay',
            `The WeChat Pay bill download answered HTTP ${download.status}.`,
          );
        }
        // An expired or used download URL: asking for the statement again issues a new one.
        throw new ChannelRejectedError(
          'wechat-pay',
          'other',
          `HTTP_${download.status}`,
          'The bill download URL failed.',
        );
      }
      return {
        channel: 'wechat-pay',
        businessDate,
        format: WECHAT_PAY_TRADE_BILL_FORMAT,
        fileName: `${options.mchid}_${businessDate.replaceAll('-', '')}_tradebill_ALL.csv`,
        hashType: 'SHA1',
        hashValue,
        body: checkedSha1(stream, hashValue),
      };
    },
  };
};

/** Passes the bytes on and, at the end, throws `ChannelProtocolError` unless they hash to `expected`. */
async function* checkedSha1(stream: AsyncIterable<Uint8Array>, expected: string): AsyncGenerator<Uint8Array> {
  const hash = createHash('sha1');
  try {
    for await (const chunk of stream) {
      hash.update(chunk);
      yield chunk;
    }
  } catch (cause) {
    throw new ChannelUnavailableError('wechat-pay', 'The WeChat Pay bill download broke off.', { cause });
  }
  const actual = hash.digest('hex');
  if (actual !== expected) {
    throw new ChannelProtocolError(
      'wechat-pay',
      `The WeChat Pay bill's SHA1 is ${actual}, WeChat Pay signed ${expected}.`,
    );
  }
}
