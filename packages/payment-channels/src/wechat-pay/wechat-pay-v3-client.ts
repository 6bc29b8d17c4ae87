import type { KeyObject } from 'node:crypto';
import { signMessage, verifiesMessage } from './wechat-pay-signature.ts';
import { WechatPayErrorAnswer, WechatPayNoAnswerError, WechatPayUnverifiedAnswer } from './wechat-pay-v3-errors.ts';
import { Formatter } from './wechatpay-library.ts';

export interface WechatPayV3ClientOptions {
  readonly mchid: string;
  readonly merchantSerialNo: string;
  readonly merchantPrivateKey: KeyObject;
  /** WeChat Pay's public keys by the `Wechatpay-Serial` they sign with. */
  readonly platformKeys: ReadonlyMap<string, KeyObject>;
  /** Without a trailing slash. */
  readonly baseUrl: string;
  /** For a whole call, answer included. */
  readonly timeoutMs: number;
}

export interface V3Request {
  readonly method: 'GET' | 'POST';
  /** From the root, `/v3/…`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string>>;
  /** Sent as JSON. */
  readonly body?: object;
}

export interface V3Answer {
  readonly status: number;
  /** The JSON answer, its text when it is not JSON, `undefined` when empty (204). */
  readonly data: unknown;
}

export interface WechatPayV3Client {
  /** A verified 2xx answer, or `WechatPayNoAnswerError`, `WechatPayErrorAnswer`, `WechatPayUnverifiedAnswer`. */
  call(request: V3Request): Promise<V3Answer>;
  /**
   * A signed GET of a file, whose answer WeChat Pay does not sign (a bill; its hash comes signed in another answer):
   * the response as it arrives, whatever its status; `timeoutMs` runs until its body has been read.
   */
  download(request: Omit<V3Request, 'method' | 'body'> & { readonly timeoutMs: number }): Promise<Response>;
}

/** How far an answer's `Wechatpay-Timestamp` may be from the local clock, as in WeChat Pay's own SDKs. */
const MAXIMUM_CLOCK_OFFSET_SECONDS = 300;
/** WeChat Pay asks every caller for a User-Agent. */
const USER_AGENT = `unified-identity-payments (Node.js ${process.version})`;

const reasonOf = (error: unknown, timeoutMs: number): string => {
  if (!(error instanceof Error)) return String(error);
  if (error.name === 'TimeoutError') return `no answer within ${timeoutMs} ms`;
  // fetch says "fetch failed"; what failed (refused, reset, unknown host) is its cause.
  return error.cause instanceof Error ? error.cause.message : error.message;
};

const parsed = (text: string): unknown => {
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
};

/**
 * A WeChat Pay APIv3 client on Node's fetch, for a directly connected merchant: every request signed with the
 * merchant's key (`Authorization: WECHATPAY2-SHA256-RSA2048 …`, from `Formatter`), every 2xx answer verified against
 * WeChat Pay's public keys before anyone reads it: the four `Wechatpay-*` headers present, the timestamp within five
 * minutes, the serial one of `platformKeys`, the signature over `timestamp\nnonce\nbody\n` valid.
 */
export const createWechatPayV3Client = (options: WechatPayV3ClientOptions): WechatPayV3Client => {
  const signed = (request: V3Request, accept: string): { readonly url: URL; readonly init: RequestInit } => {
    const url = new URL(`${options.baseUrl}${request.path}`);
    for (const [name, value] of Object.entries(request.query ?? {})) url.searchParams.set(name, value);
    const body = request.body === undefined ? '' : JSON.stringify(request.body);
    const nonce = Formatter.nonce();
    const timestamp = Formatter.timestamp();
    const message = Formatter.request(request.method, `${url.pathname}${url.search}`, timestamp, nonce, body);
    const signature = signMessage(message, options.merchantPrivateKey);
    return {
      url,
      init: {
        method: request.method,
        headers: {
          accept,
          'user-agent': USER_AGENT,
          authorization: Formatter.authorization(options.mchid, nonce, signature, timestamp, options.merchantSerialNo),
          ...(request.body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
        },
        ...(request.body === undefined ? {} : { body }),
      },
    };
  };

  const verify = (headers: Headers, body: string): void => {
    const timestamp = headers.get('wechatpay-timestamp');
    const nonce = headers.get('wechatpay-nonce');
    const serial = headers.get('wechatpay-serial');
    const signature = headers.get('wechatpay-signature');
    if (!timestamp || !nonce || !serial || !signature) {
      throw new WechatPayUnverifiedAnswer('the answer lacks a Wechatpay-Timestamp, -Nonce, -Serial or -Signature.');
    }
    if (
      !/^\d{1,12}$/.test(timestamp) ||
      Math.abs(Formatter.timestamp() - Number(timestamp)) > MAXIMUM_CLOCK_OFFSET_SECONDS
    ) {
      throw new WechatPayUnverifiedAnswer(`the answer's Wechatpay-Timestamp ${timestamp} is stale or invalid.`);
    }
    const key = options.platformKeys.get(serial);
    if (!key) throw new WechatPayUnverifiedAnswer(`the answer is signed with a key not configured, ${serial}.`);
    if (!verifiesMessage(Formatter.response(timestamp, nonce, body), signature, key)) {
      throw new WechatPayUnverifiedAnswer(`the answer's signature does not verify with ${serial}.`);
    }
  };

  return {
    call: async (request) => {
      const { url, init } = signed(request, 'application/json');
      let response: Response;
      let text: string;
      try {
        response = await fetch(url, { ...init, signal: AbortSignal.timeout(options.timeoutMs) });
        text = await response.text();
      } catch (error) {
        throw new WechatPayNoAnswerError(reasonOf(error, options.timeoutMs), { cause: error });
      }
      if (response.status < 200 || response.status > 299) throw new WechatPayErrorAnswer(response.status, parsed(text));
      verify(response.headers, text);
      return { status: response.status, data: parsed(text) };
    },

    download: async ({ timeoutMs, ...request }) => {
      const { url, init } = signed({ ...request, method: 'GET' }, '*/*');
      try {
        return await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
      } catch (error) {
        throw new WechatPayNoAnswerError(reasonOf(error, timeoutMs), { cause: error });
      }
    },
  };
};
