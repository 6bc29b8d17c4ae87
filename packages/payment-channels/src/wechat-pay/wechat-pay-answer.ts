import {
  ChannelProtocolError,
  ChannelRejectedError,
  type ChannelRejectionReason,
  ChannelUnavailableError,
} from '../channel/channel-errors.ts';
import { fromWechatPayTime } from './wechat-pay-time.ts';
import { WechatPayErrorAnswer, WechatPayNoAnswerError, WechatPayUnverifiedAnswer } from './wechat-pay-v3-errors.ts';

/**
 * Reading WeChat Pay's answers as the APIv3 client (`wechat-pay-v3-client.ts`) hands them over. A 2xx answer has had
 * its signature verified before it arrives here. Anything else comes as one of the client's errors:
 *
 * - `WechatPayUnverifiedAnswer`: a 2xx answer whose signature, serial or timestamp did not verify →
 *   `ChannelProtocolError`;
 * - `WechatPayNoAnswerError` (timeout, refused connection), and answers 5xx, 429, `SYSTEM_ERROR`, `BANK_ERROR`,
 *   `FREQUENCY_LIMITED` → `ChannelUnavailableError`;
 * - `WechatPayErrorAnswer` 4xx `{ code, message }` → `ChannelRejectedError`, the code mapped to the platform's reason.
 *   A 4xx without a code is a `ChannelProtocolError`.
 *
 * Error answers are not signature-checked (as WeChat Pay's own SDKs do not check them). They can only ever lead to a
 * refusal, never to believing that money moved.
 */
export type WechatPayAnswer = Readonly<Record<string, unknown>>;

const REASONS: Readonly<Record<string, ChannelRejectionReason>> = {
  ORDER_NOT_EXIST: 'order_not_found',
  ORDERNOTEXIST: 'order_not_found',
  RESOURCE_NOT_EXISTS: 'order_not_found',
  ORDERPAID: 'order_paid',
  ORDER_PAID: 'order_paid',
  ORDER_CLOSED: 'order_closed',
  ORDERCLOSED: 'order_closed',
  OUT_TRADE_NO_USED: 'order_conflict',
  NOT_ENOUGH: 'insufficient_balance',
  NOTENOUGH: 'insufficient_balance',
  USER_ACCOUNT_ABNORMAL: 'refund_not_allowed',
  PARAM_ERROR: 'invalid_request',
  INVALID_REQUEST: 'invalid_request',
  SIGN_ERROR: 'configuration',
  APPID_MCHID_NOT_MATCH: 'configuration',
  MCH_NOT_EXISTS: 'configuration',
  NO_AUTH: 'configuration',
  NOAUTH: 'configuration',
};

const BUSY_CODES = new Set(['SYSTEM_ERROR', 'SYSTEMERROR', 'BANK_ERROR', 'BANKERROR', 'FREQUENCY_LIMITED']);

/** The answer's `code` and `message`, when it has them (the client hands over a body that is not JSON as text). */
const errorBody = (body: unknown): { readonly code: string; readonly message: string } | undefined => {
  if (typeof body !== 'object' || body === null) return undefined;
  const { code, message } = body as { code?: unknown; message?: unknown };
  if (typeof code !== 'string' || code === '') return undefined;
  return { code, message: typeof message === 'string' ? message : '' };
};

/** Turns what the APIv3 client threw into a `ChannelError`. Anything else (a bug) is returned as it is. */
export const translateWechatPayError = (operation: string, error: unknown): unknown => {
  if (error instanceof WechatPayUnverifiedAnswer) {
    return new ChannelProtocolError(
      'wechat-pay',
      `WeChat Pay's answer to ${operation} cannot be trusted: ${error.message}`,
      {
        cause: error,
      },
    );
  }
  if (error instanceof WechatPayNoAnswerError) {
    return new ChannelUnavailableError('wechat-pay', `WeChat Pay did not answer ${operation}: ${error.message}`, {
      cause: error,
    });
  }
  if (!(error instanceof WechatPayErrorAnswer)) return error;
  const { status } = error;
  const body = errorBody(error.body);
  if (status >= 500 || status === 429 || (body && BUSY_CODES.has(body.code))) {
    return new ChannelUnavailableError(
      'wechat-pay',
      `WeChat Pay is unavailable (${operation}): HTTP ${status} ${body?.code ?? ''} ${body?.message ?? ''}`,
      { cause: error },
    );
  }
  if (!body) {
    return new ChannelProtocolError('wechat-pay', `WeChat Pay answered ${operation} with HTTP ${status} and no code.`, {
      cause: error,
    });
  }
  const reason = REASONS[body.code] ?? 'other';
  return new ChannelRejectedError('wechat-pay', reason, body.code, body.message, { cause: error });
};

const protocol = (operation: string, field: string, cause?: unknown) =>
  new ChannelProtocolError('wechat-pay', `WeChat Pay's ${operation} answer has no valid ${field}.`, { cause });

export const answerObject = (operation: string, data: unknown): WechatPayAnswer => {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw protocol(operation, 'JSON body');
  return data as WechatPayAnswer;
};

export const answerText = (operation: string, answer: WechatPayAnswer, field: string): string => {
  const value = answer[field];
  if (typeof value !== 'string' || value === '') throw protocol(operation, field);
  return value;
};

/** An integer of fen inside `amount`. */
export const answerFen = (operation: string, answer: WechatPayAnswer, field: string): number => {
  const amount = answer.amount;
  const value = typeof amount === 'object' && amount !== null ? (amount as Record<string, unknown>)[field] : undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0)
    throw protocol(operation, `amount.${field}`);
  return value;
};

export const answerTime = (operation: string, answer: WechatPayAnswer, field: string): string => {
  try {
    return fromWechatPayTime(answerText(operation, answer, field));
  } catch (cause) {
    throw protocol(operation, field, cause);
  }
};
