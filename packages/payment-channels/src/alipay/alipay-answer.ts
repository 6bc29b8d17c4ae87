import {
  ChannelProtocolError,
  ChannelRejectedError,
  type ChannelRejectionReason,
  ChannelUnavailableError,
} from '../channel/channel-errors.ts';
import { fromAlipayTime } from './shanghai-time.ts';
import { yuanToFen } from './yuan-amount.ts';

/**
 * Reading the gateway's answer (`…_response` after the SDK verified its signature). `10000` is success. `20000`
 * and `ACQ.SYSTEM_ERROR` mean "busy, try again". Anything else is a refusal, mapped here from Alipay's `sub_code` to
 * the platform's reason. A method whose sub code means something else for it (`ACQ.TRADE_STATUS_ERROR`) passes its
 * own mapping.
 */
export type AlipayAnswer = Readonly<Record<string, unknown>>;

const REASONS: Readonly<Record<string, ChannelRejectionReason>> = {
  'ACQ.TRADE_NOT_EXIST': 'order_not_found',
  'ACQ.TRADE_HAS_SUCCESS': 'order_paid',
  'ACQ.TRADE_HAS_CLOSE': 'order_closed',
  'ACQ.CONTEXT_INCONSISTENT': 'order_conflict',
  'ACQ.REFUND_AMT_NOT_EQUAL_TOTAL': 'refund_exceeds_paid',
  'ACQ.DISCORDANT_REPEAT_REQUEST': 'refund_conflict',
  'ACQ.TRADE_HAS_FINISHED': 'refund_not_allowed',
  'ACQ.TRADE_NOT_ALLOW_REFUND': 'refund_not_allowed',
  'ACQ.SELLER_BALANCE_NOT_ENOUGH': 'insufficient_balance',
  'ACQ.INVALID_PARAMETER': 'invalid_request',
  'ACQ.ACCESS_FORBIDDEN': 'configuration',
  'isv.invalid-signature': 'configuration',
  'isv.invalid-signature-type': 'configuration',
  'isv.invalid-app-id': 'configuration',
  'isv.insufficient-isv-permissions': 'configuration',
};

const BUSY_SUB_CODES = new Set(['ACQ.SYSTEM_ERROR', 'isp.unknow-error', 'aop.ACQ.SYSTEM_ERROR']);

export const subCodeOf = (answer: AlipayAnswer): string | undefined =>
  typeof answer.sub_code === 'string' ? answer.sub_code : undefined;

/** Returns when the answer is `10000`. Otherwise throws the matching `ChannelError`. */
export const requireSuccess = (
  method: string,
  answer: AlipayAnswer,
  overrides: Readonly<Record<string, ChannelRejectionReason>> = {},
): void => {
  const code = typeof answer.code === 'string' ? answer.code : '';
  if (code === '10000') return;
  const subCode = subCodeOf(answer) ?? '';
  const message = [answer.msg, answer.sub_msg].filter((part) => typeof part === 'string').join(': ');
  if (code === '20000' || BUSY_SUB_CODES.has(subCode)) {
    throw new ChannelUnavailableError('alipay', `Alipay is busy (${method}): ${code} ${subCode} ${message}`);
  }
  if (code === '') throw new ChannelProtocolError('alipay', `Alipay answered ${method} without a code.`);
  const reason =
    overrides[subCode] ??
    REASONS[subCode] ??
    (code === '40006' ? 'configuration' : code === '40001' || code === '40002' ? 'invalid_request' : 'other');
  throw new ChannelRejectedError('alipay', reason, subCode || code, message);
};

const protocol = (method: string, field: string, cause?: unknown) =>
  new ChannelProtocolError('alipay', `Alipay's ${method} answer has no valid ${field}.`, { cause });

export const answerText = (method: string, answer: AlipayAnswer, field: string): string => {
  const value = answer[field];
  if (typeof value !== 'string' || value === '') throw protocol(method, field);
  return value;
};

export const answerFen = (method: string, answer: AlipayAnswer, field: string): number => {
  try {
    return yuanToFen(answerText(method, answer, field));
  } catch (cause) {
    throw protocol(method, field, cause);
  }
};

export const answerTime = (method: string, answer: AlipayAnswer, field: string): string => {
  try {
    return fromAlipayTime(answerText(method, answer, field));
  } catch (cause) {
    throw protocol(method, field, cause);
  }
};
