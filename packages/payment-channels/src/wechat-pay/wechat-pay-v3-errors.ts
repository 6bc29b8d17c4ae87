/**
 * How a WeChat Pay APIv3 call can fail below the level of its meaning (`wechat-pay-answer.ts` gives them that).
 */

/** No answer: the connection was refused or broke, or the answer did not arrive within the timeout. */
export class WechatPayNoAnswerError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'WechatPayNoAnswerError';
  }
}

/**
 * A non-2xx answer, its body parsed as JSON when it parses (`{ code, message }`), else as text. Error answers are not
 * signature-checked, as WeChat Pay's own SDKs do not check them: they can only ever lead to a refusal, never to
 * believing that money moved.
 */
export class WechatPayErrorAnswer extends Error {
  readonly status: number;
  readonly body: unknown;

  constructor(status: number, body: unknown) {
    super(`WeChat Pay answered HTTP ${status}.`);
    this.name = 'WechatPayErrorAnswer';
    this.status = status;
    this.body = body;
  }
}

/** A 2xx answer whose signature headers are missing, stale, name a key not configured, or do not verify. */
export class WechatPayUnverifiedAnswer extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WechatPayUnverifiedAnswer';
  }
}
