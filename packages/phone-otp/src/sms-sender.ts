import type { PhoneNumber } from './phone-number.ts';

/**
 * One text message. Gateways that send pre-approved templates (Alibaba Cloud, Tencent Cloud) use `templateId` and
 * `params`; the sandbox shows `text`, which is what the template renders to.
 */
export interface SmsMessage {
  readonly phone: PhoneNumber;
  readonly text: string;
  /** The platform's own template name (e.g. `phone-otp.sign-in.zh-CN`); an adapter maps it to its gateway's id. */
  readonly templateId: string;
  readonly params: Readonly<Record<string, string>>;
}

export interface SmsReceipt {
  /** The gateway's id of the accepted message (Alibaba Cloud's `BizId`). */
  readonly messageId: string;
}

/** Sends a text message, or throws `SmsDeliveryError`. Resolving means the gateway accepted it, not that it arrived. */
export interface SmsSender {
  send(message: SmsMessage): Promise<SmsReceipt>;
}

/**
 * - `throttled`: the gateway's own per-number or per-account limits; retry later.
 * - `recipient_rejected`: the gateway refuses this number (not a valid subscriber, blocked).
 * - `configuration`: our side is wrong (credentials, signature, sign name, template, balance); retrying won't help.
 * - `unavailable`: the gateway failed or did not answer; retry later.
 */
export type SmsFailureKind = 'throttled' | 'recipient_rejected' | 'configuration' | 'unavailable';

export class SmsDeliveryError extends Error {
  readonly kind: SmsFailureKind;
  /** The gateway's own error code, for logs (`isv.BUSINESS_LIMIT_CONTROL`). */
  readonly providerCode?: string;
  readonly retryable: boolean;

  constructor(kind: SmsFailureKind, message: string, options: { providerCode?: string; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'SmsDeliveryError';
    this.kind = kind;
    this.retryable = kind === 'throttled' || kind === 'unavailable';
    if (options.providerCode !== undefined) this.providerCode = options.providerCode;
  }
}
