import { CheckUnavailableError, type UnavailableReason } from './check-unavailable-error.ts';

/** The wallets whose real-name data the provider can read. Only Alipay has an adapter today. */
export type PaymentAccountChannel = 'alipay';

/** What a wallet says about the account that authorised us, as its user-info API answers it. */
export interface PaymentAccountIdentity {
  /** The wallet's id of the account (Alipay `user_id`): for logs of our own side only, never shown. */
  readonly accountId: string;
  /** The wallet completed real-name certification (Alipay `is_certified` = `T`). */
  readonly certified: boolean;
  /** The certified real name (Alipay `user_name`), when certified. */
  readonly name?: string;
  /** The certificate type (Alipay `cert_type`; `0` is the resident identity card). */
  readonly certType?: string;
  /** The certificate number (Alipay `cert_no`), when certified. */
  readonly certNo?: string;
}

/**
 * A third-party payment account as a real-name source: the person authorises the platform at the wallet (an OAuth-
 * style redirect), the platform exchanges the returned code and reads the account's certified identity.
 *
 * Contract for an adapter:
 * - `authoriseUrl` is where the browser goes; the wallet comes back to `redirectUri` with the code and `state`;
 * - `readVerifiedIdentity(code)` exchanges the code (single use) and reads the identity through the wallet's
 *   authenticated API, checking the wallet's signature on every answer;
 * - no usable answer (network, timeout, a refused code or token, an answer that does not parse or verify): throw
 *   `PaymentAccountUnavailableError` and nothing else;
 * - never log the name or the number: the caller audits masked values.
 *
 * Adapter: `createAlipayPaymentAccountVerifier` (official `alipay-sdk`; `alipay.system.oauth.token` +
 * `alipay.user.info.share`), tested against the Alipay simulator of `@platform/payment-channels`.
 */
export interface PaymentAccountVerifier {
  readonly channel: PaymentAccountChannel;
  authoriseUrl(request: { readonly redirectUri: string; readonly state: string }): string;
  readVerifiedIdentity(authCode: string): Promise<PaymentAccountIdentity>;
}

export class PaymentAccountUnavailableError extends CheckUnavailableError {
  constructor(reason: UnavailableReason, options?: { cause?: unknown; detail?: string }) {
    super('payment account service', reason, options);
    this.name = 'PaymentAccountUnavailableError';
  }
}
