import { AlipayRequestError } from 'alipay-sdk';
import { ChannelProtocolError, ChannelUnavailableError } from '../channel/channel-errors.ts';

/**
 * `alipay-sdk` throws one class, `AlipayRequestError`, for three different things. A transport failure (timeout,
 * refused connection) carries a `cause`. A non-200 answer says `status: <n>` in its message (the SDK keeps no status
 * field for the v2 gateway). An answer that did not verify or parse has neither. The first, and 5xx, are worth
 * retrying. A bad signature or an unreadable answer is a protocol problem.
 */
export const translateSdkError = (method: string, error: unknown): unknown => {
  if (!(error instanceof AlipayRequestError)) return error;
  if (error.cause !== undefined) {
    return new ChannelUnavailableError('alipay', `Alipay did not answer ${method}: ${error.message}`, { cause: error });
  }
  const status = /status: (\d{3})/.exec(error.message)?.[1];
  if (status !== undefined && Number(status) >= 500) {
    return new ChannelUnavailableError('alipay', `Alipay answered ${method} with HTTP ${status}.`, { cause: error });
  }
  return new ChannelProtocolError('alipay', `Alipay's answer to ${method} cannot be trusted: ${error.message}`, {
    cause: error,
  });
};
