import type { AlipaySdk } from 'alipay-sdk';
import { ALIPAY_AUTHORISE_URL, alipayAuthoriseUrl, checkedAlipayUrl } from './alipay-authorise-url.ts';
import type { UnavailableReason } from './check-unavailable-error.ts';
import {
  type PaymentAccountIdentity,
  PaymentAccountUnavailableError,
  type PaymentAccountVerifier,
} from './payment-account-verifier.ts';

export interface AlipayPaymentAccountOptions {
  /** The login app's id (its own app, not the payments app). */
  readonly appId: string;
  /** PKCS#1 PEM (or PKCS#8 with `keyType: 'PKCS8'`). */
  readonly appPrivateKey: string;
  /** Alipay's public key for this app: every answer's RSA2 signature is checked with it. */
  readonly alipayPublicKey: string;
  readonly keyType?: 'PKCS1' | 'PKCS8';
  /** Default `https://openapi.alipay.com/gateway.do`. Plain http only on loopback (the simulator). */
  readonly gatewayUrl?: string;
  /** Default `https://openauth.alipay.com/oauth2/publicAppAuthorize.htm`. */
  readonly authoriseUrl?: string;
  /** Per call. Default 3 s, as the registry's. */
  readonly timeoutMs?: number;
}

type Answer = Record<string, unknown>;

/**
 * The SDK throws `AlipayRequestError` for a transport failure (with a `cause`), a non-200 answer (`status: <n>` in
 * the message) and an answer that does not parse or verify. Its message can quote the answer, which holds the
 * person's name and number: it is read for the reason and dropped, never logged nor kept as a `cause`.
 */
const reasonOf = (error: unknown, requestError: typeof import('alipay-sdk').AlipayRequestError): UnavailableReason => {
  if (!(error instanceof requestError)) return 'malformed_response';
  if (error.cause !== undefined) return /timeout/i.test(String((error.cause as Error)?.name)) ? 'timeout' : 'network';
  const status = /status: (\d{3})/.exec(error.message)?.[1];
  if (status !== undefined) return Number(status) >= 500 ? 'server_error' : 'request_rejected';
  return error.message.startsWith('验签失败') ? 'response_signature_invalid' : 'malformed_response';
};

const text = (answer: Answer, field: string): string | undefined =>
  typeof answer[field] === 'string' && answer[field] !== '' ? (answer[field] as string) : undefined;

/**
 * Alipay user information authorisation through the official `alipay-sdk` (open API v2, public-key mode, RSA2 both
 * ways): `alipay.system.oauth.token` exchanges the `auth_code` for an `access_token`, `alipay.user.info.share` reads
 * the certified identity with it (`auth_token`). Both answers are verified by the SDK (`validateSign: true`) before
 * anything is read. Any refusal by Alipay (a used or expired code, a token without `auth_user`) is "no answer": the
 * person starts again, it is not a failed check.
 */
export const createAlipayPaymentAccountVerifier = (options: AlipayPaymentAccountOptions): PaymentAccountVerifier => {
  if (!options.appId || !options.appPrivateKey || !options.alipayPublicKey) {
    throw new TypeError('Alipay user authorisation needs appId, appPrivateKey and alipayPublicKey.');
  }
  const gateway = checkedAlipayUrl('gatewayUrl', options.gatewayUrl ?? 'https://openapi.alipay.com/gateway.do');
  const authorise = checkedAlipayUrl('authoriseUrl', options.authoriseUrl ?? ALIPAY_AUTHORISE_URL);
  // Loaded on first use: the SDK and its HTTP client add a second or more to a cold start of the provider, most of
  // whose sign-ins never reach Alipay.
  let loaded: Promise<{ sdk: AlipaySdk; requestError: typeof import('alipay-sdk').AlipayRequestError }> | undefined;
  const client = () =>
    (loaded ??= import('alipay-sdk').then((module) => ({
      sdk: new module.AlipaySdk({
        appId: options.appId,
        privateKey: options.appPrivateKey,
        keyType: options.keyType ?? 'PKCS1',
        alipayPublicKey: options.alipayPublicKey,
        signType: 'RSA2',
        gateway,
        timeout: options.timeoutMs ?? 3000,
        camelcase: false,
      }),
      requestError: module.AlipayRequestError,
    })));

  const exec = async (method: string, params: Record<string, string>): Promise<Answer> => {
    const { sdk, requestError } = await client();
    let answer: Answer;
    try {
      answer = (await sdk.exec(method, params, { validateSign: true })) as Answer;
    } catch (error) {
      throw new PaymentAccountUnavailableError(reasonOf(error, requestError), { detail: method });
    }
    // `oauth.token` answers without `code` when it succeeds; any `sub_code` is a refusal.
    const code = text(answer, 'code');
    if (text(answer, 'sub_code') !== undefined || (code !== undefined && code !== '10000')) {
      const detail = `${method}: ${code ?? ''} ${text(answer, 'sub_code') ?? ''}`.trim();
      throw new PaymentAccountUnavailableError(code === '20000' ? 'server_error' : 'request_rejected', { detail });
    }
    return answer;
  };

  return {
    channel: 'alipay',
    authoriseUrl: (request) => alipayAuthoriseUrl({ appId: options.appId, authoriseUrl: authorise }, request),
    readVerifiedIdentity: async (authCode): Promise<PaymentAccountIdentity> => {
      if (!/^[\w-]{1,128}$/.test(authCode)) throw new PaymentAccountUnavailableError('request_rejected');
      const token = await exec('alipay.system.oauth.token', { grant_type: 'authorization_code', code: authCode });
      const accessToken = text(token, 'access_token');
      if (accessToken === undefined) throw new PaymentAccountUnavailableError('malformed_response');
      const info = await exec('alipay.user.info.share', { auth_token: accessToken });
      const accountId = text(info, 'user_id');
      if (accountId === undefined) throw new PaymentAccountUnavailableError('malformed_response');
      const name = text(info, 'user_name');
      const certType = text(info, 'cert_type');
      const certNo = text(info, 'cert_no');
      return {
        accountId,
        certified: text(info, 'is_certified') === 'T',
        ...(name === undefined ? {} : { name }),
        ...(certType === undefined ? {} : { certType }),
        ...(certNo === undefined ? {} : { certNo }),
      };
    },
  };
};
