import type { KeyObject } from 'node:crypto';
import { NotificationRejectedError } from '../channel/channel-errors.ts';
import { bodyText, headerValue } from '../channel/notification-input.ts';
import type {
  ChannelAcknowledgement,
  ChannelEvent,
  IncomingNotification,
  ParsedNotification,
} from '../channel/payment-channel.ts';
import { verifiesMessage } from './wechat-pay-signature.ts';
import { fromWechatPayTime } from './wechat-pay-time.ts';
import { Aes, Formatter } from './wechatpay-library.ts';

/**
 * WeChat Pay's notifications (支付通知, 退款结果通知), read as WeChat Pay documents them:
 *
 * 1. The headers `Wechatpay-Timestamp`, `Wechatpay-Nonce`, `Wechatpay-Signature` and `Wechatpay-Serial` sign the exact
 *    body: SHA256withRSA over `TIMESTAMP\nNONCE\nBODY\n`, verified with the WeChat Pay public key (or platform
 *    certificate) the serial names. The timestamp must be within five minutes of now, so that an old notification
 *    cannot be replayed. Signature probes (`WECHATPAY/SIGNTEST/…`) do not verify, by design.
 * 2. The body is `{ id, create_time, event_type, resource_type: 'encrypt-resource', summary, resource }`, and the
 *    resource is AEAD_AES_256_GCM with the APIv3 key (nonce, associated_data as AAD, ciphertext with its 16-byte tag).
 * 3. The decrypted resource must be this merchant's (and, for payments, this app's).
 *
 * The signed message and the decryption come from `wechatpay-axios-plugin` (`Formatter.response`,
 * `Aes.AesGcm.decrypt`), the signature check from node:crypto (`verifiesMessage`). Success is acknowledged with HTTP 200 and no body. Failures answer 4xx/5xx with
 * `{"code":"FAIL","message":"…"}`, after which WeChat Pay sends the notification again (15s/15s/30s/3m/… over 24 hours).
 *
 * Event ids come from what happened, not from the delivery: `wechat-pay:<transaction_id>:paid` and
 * `wechat-pay:<transaction_id>:refund:<out_refund_no>`. REFUND.SUCCESS carries that refund's amount, not the running
 * total, so `refundedTotalFen` is never set. REFUND.ABNORMAL and REFUND.CLOSED verify to a `null` event.
 */
export const WECHAT_PAY_ACKNOWLEDGEMENT: ChannelAcknowledgement = { status: 200, headers: {}, body: '' };

const failure = (status: number, message: string): ChannelAcknowledgement => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8' },
  body: JSON.stringify({ code: 'FAIL', message }),
});

/** The platform could not record a genuine notification: send it again. */
export const WECHAT_PAY_RETRY_ACKNOWLEDGEMENT = failure(500, '处理失败，请稍后重试');
/** Unsigned, signed with an unknown key, not verifying, or stale. */
export const WECHAT_PAY_SIGNATURE_REJECTION = failure(401, '签名验证失败');
/** Verified, but not a notification this merchant can read (shape, algorithm, another merchant or app). */
export const WECHAT_PAY_MALFORMED_REJECTION = failure(400, '通知内容无效');
/** Verified, but the resource does not decrypt: the APIv3 key is wrong here. WeChat Pay will send it again. */
export const WECHAT_PAY_DECRYPTION_REJECTION = failure(500, '解密失败');

export interface NotificationVerifier {
  readonly mchid: string;
  readonly appid: string;
  readonly apiV3Key: Buffer;
  /** By `Wechatpay-Serial`: `PUB_KEY_ID_…` or a platform certificate serial. */
  readonly platformKeys: ReadonlyMap<string, KeyObject>;
  readonly toleranceMs: number;
  now(): number;
}

type Json = Readonly<Record<string, unknown>>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (object: Json, field: string): string => {
  const value = object[field];
  if (typeof value !== 'string' || value === '') throw new TypeError(`The notification has no ${field}.`);
  return value;
};

const fen = (object: Json, field: string): number => {
  const amount = object.amount;
  const value = isObject(amount) ? amount[field] : undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(`The notification has no amount.${field}.`);
  }
  return value;
};

const eventOf = (eventType: string, resource: Json, verifier: NotificationVerifier): ChannelEvent | null => {
  if (text(resource, 'mchid') !== verifier.mchid)
    throw new TypeError(`The notification is for merchant ${resource.mchid}.`);
  const orderNumber = text(resource, 'out_trade_no');
  const transactionId = text(resource, 'transaction_id');
  if (eventType === 'TRANSACTION.SUCCESS') {
    if (text(resource, 'appid') !== verifier.appid)
      throw new TypeError(`The notification is for app ${resource.appid}.`);
    if (text(resource, 'trade_state') !== 'SUCCESS') return null;
    return {
      type: 'payment.succeeded',
      id: `wechat-pay:${transactionId}:paid`,
      orderNumber,
      channelTransactionId: transactionId,
      amountFen: fen(resource, 'total'),
      paidAt: fromWechatPayTime(text(resource, 'success_time')),
    };
  }
  if (eventType === 'REFUND.SUCCESS') {
    if (text(resource, 'refund_status') !== 'SUCCESS') return null;
    const refundNumber = text(resource, 'out_refund_no');
    return {
      type: 'refund.succeeded',
      id: `wechat-pay:${transactionId}:refund:${refundNumber}`,
      orderNumber,
      refundNumber,
      channelTransactionId: transactionId,
      amountFen: fen(resource, 'refund'),
      refundedAt: fromWechatPayTime(text(resource, 'success_time')),
    };
  }
  return null;
};

const reject = (message: string, acknowledgement: ChannelAcknowledgement, cause?: unknown): never => {
  throw new NotificationRejectedError('wechat-pay', message, acknowledgement, { cause });
};

export const readWechatPayNotification = (
  notification: IncomingNotification,
  verifier: NotificationVerifier,
): ParsedNotification => {
  const header = (name: string) => headerValue(notification.headers, name);
  const timestamp = header('Wechatpay-Timestamp');
  const nonce = header('Wechatpay-Nonce');
  const signature = header('Wechatpay-Signature');
  const serial = header('Wechatpay-Serial');
  if (!timestamp || !nonce || !signature || !serial) {
    return reject('The WeChat Pay notification is not signed.', WECHAT_PAY_SIGNATURE_REJECTION);
  }
  if (signature.startsWith('WECHATPAY/SIGNTEST/')) {
    return reject('A WeChat Pay signature probe: it must not verify.', WECHAT_PAY_SIGNATURE_REJECTION);
  }
  const key = verifier.platformKeys.get(serial);
  if (!key) return reject(`The notification is signed with an unknown key ${serial}.`, WECHAT_PAY_SIGNATURE_REJECTION);
  if (!/^\d{1,12}$/.test(timestamp) || Math.abs(verifier.now() - Number(timestamp) * 1000) > verifier.toleranceMs) {
    return reject(`The notification's timestamp ${timestamp} is stale or invalid.`, WECHAT_PAY_SIGNATURE_REJECTION);
  }
  const body = bodyText(notification.body);
  if (!verifiesMessage(Formatter.response(timestamp, nonce, body), signature, key)) {
    return reject('The WeChat Pay notification signature does not verify.', WECHAT_PAY_SIGNATURE_REJECTION);
  }

  let envelope: unknown;
  try {
    envelope = JSON.parse(body);
  } catch (cause) {
    return reject('The WeChat Pay notification is signed but not JSON.', WECHAT_PAY_MALFORMED_REJECTION, cause);
  }
  const resource = isObject(envelope) ? envelope.resource : undefined;
  if (
    !isObject(envelope) ||
    typeof envelope.event_type !== 'string' ||
    envelope.resource_type !== 'encrypt-resource' ||
    !isObject(resource) ||
    resource.algorithm !== 'AEAD_AES_256_GCM' ||
    typeof resource.ciphertext !== 'string' ||
    typeof resource.nonce !== 'string'
  ) {
    return reject('The WeChat Pay notification has no AEAD_AES_256_GCM resource.', WECHAT_PAY_MALFORMED_REJECTION);
  }
  const associatedData = typeof resource.associated_data === 'string' ? resource.associated_data : '';

  let plaintext: string;
  try {
    plaintext = Aes.AesGcm.decrypt(resource.ciphertext, verifier.apiV3Key, resource.nonce, associatedData);
  } catch (cause) {
    return reject(
      'The notification resource does not decrypt: check the APIv3 key.',
      WECHAT_PAY_DECRYPTION_REJECTION,
      cause,
    );
  }

  try {
    const decrypted: unknown = JSON.parse(plaintext);
    if (!isObject(decrypted)) throw new TypeError('The resource is not a JSON object.');
    return {
      event: eventOf(envelope.event_type, decrypted, verifier),
      acknowledgement: WECHAT_PAY_ACKNOWLEDGEMENT,
      retryAcknowledgement: WECHAT_PAY_RETRY_ACKNOWLEDGEMENT,
    };
  } catch (cause) {
    return reject(
      'The WeChat Pay notification is verified but its resource is not ours or malformed.',
      WECHAT_PAY_MALFORMED_REJECTION,
      cause,
    );
  }
};
