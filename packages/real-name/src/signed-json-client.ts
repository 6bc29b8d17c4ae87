import { randomBytes, randomUUID } from 'node:crypto';
import type { UnavailableReason } from './check-unavailable-error.ts';
import {
  HEADERS,
  hmacSignature,
  requestStringToSign,
  responseStringToSign,
  signatureMatches,
} from './signed-request.ts';

/** Where and as whom to call a gateway speaking the check protocol. Validated at construction. */
export interface SignedJsonClientOptions {
  /** `https://…` (or `http://127.0.0.1…` for a local simulator); may carry a path prefix. */
  readonly baseUrl: string;
  readonly clientId: string;
  /** The shared secret; at least 32 characters. */
  readonly secret: string;
  /** Default 3000 ms: a person is waiting on a page. */
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
  /** Epoch milliseconds; injectable for tests. */
  readonly now?: () => number;
  readonly nonce?: () => string;
  readonly requestId?: () => string;
}

/** Why a call produced no usable answer; the adapter turns it into its port's "unavailable" error. */
export class SignedCallFailure extends Error {
  readonly reason: UnavailableReason;

  constructor(reason: UnavailableReason, detail: string, cause?: unknown) {
    super(detail, cause === undefined ? undefined : { cause });
    this.name = 'SignedCallFailure';
    this.reason = reason;
  }
}

export type SignedJsonCall = <Result extends string>(
  path: string,
  payload: Record<string, string>,
  results: readonly Result[],
) => Promise<Result>;

const isLoopback = (url: URL) => ['127.0.0.1', '[::1]', 'localhost'].includes(url.hostname);

/**
 * POSTs a signed JSON request and returns the answer's `result` if, and only if, the answer is a 200 with `code: "OK"`,
 * echoes the request id, carries one of `results` and a valid response signature. Every other outcome is a
 * `SignedCallFailure`. Redirects are refused: a signed personal-data request goes to the configured host or nowhere.
 */
export const createSignedJsonClient = (options: SignedJsonClientOptions): SignedJsonCall => {
  const base = new URL(options.baseUrl);
  if (base.protocol !== 'https:' && !(base.protocol === 'http:' && isLoopback(base))) {
    throw new TypeError('baseUrl must be https (plain http only on loopback, for a local simulator).');
  }
  if (!options.clientId) throw new TypeError('clientId is not configured.');
  if (typeof options.secret !== 'string' || options.secret.length < 32) {
    throw new TypeError('secret must be at least 32 characters.');
  }
  const prefix = base.pathname.replace(/\/+$/, '');
  const doFetch = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const nonce = options.nonce ?? (() => randomBytes(16).toString('hex'));
  const newRequestId = options.requestId ?? randomUUID;
  const timeoutMs = options.timeoutMs ?? 3_000;

  return async (path, payload, results) => {
    const url = new URL(`${prefix}${path}`, base.origin);
    const requestId = newRequestId();
    const body = JSON.stringify({ requestId, ...payload });
    const timestamp = String(Math.floor(now() / 1000));
    const requestNonce = nonce();
    const signature = hmacSignature(
      options.secret,
      requestStringToSign({
        method: 'POST',
        path: url.pathname,
        clientId: options.clientId,
        requestId,
        timestamp,
        nonce: requestNonce,
        body,
      }),
    );

    let response: Response;
    let text: string;
    try {
      response = await doFetch(url, {
        method: 'POST',
        redirect: 'error',
        signal: AbortSignal.timeout(timeoutMs),
        headers: {
          'content-type': 'application/json; charset=utf-8',
          accept: 'application/json',
          [HEADERS.clientId]: options.clientId,
          [HEADERS.requestId]: requestId,
          [HEADERS.timestamp]: timestamp,
          [HEADERS.nonce]: requestNonce,
          [HEADERS.signature]: signature,
        },
        body,
      });
      text = await response.text();
    } catch (error) {
      const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw new SignedCallFailure(timedOut ? 'timeout' : 'network', `${url.host} did not answer`, error);
    }

    if (response.status === 429) throw new SignedCallFailure('throttled', `${url.host} answered 429`);
    if (response.status >= 500) throw new SignedCallFailure('server_error', `${url.host} answered ${response.status}`);
    if (response.status !== 200) {
      throw new SignedCallFailure('request_rejected', `${url.host} answered ${response.status} ${errorCode(text)}`);
    }
    const expected = hmacSignature(
      options.secret,
      responseStringToSign({
        requestId,
        nonce: requestNonce,
        timestamp: response.headers.get(HEADERS.timestamp) ?? '',
        body: text,
      }),
    );
    if (!signatureMatches(expected, response.headers.get(HEADERS.signature))) {
      throw new SignedCallFailure('response_signature_invalid', `${url.host} answered without a valid signature`);
    }
    const answer = parseObject(text);
    const result = answer?.result;
    if (answer?.requestId !== requestId || answer.code !== 'OK' || !results.includes(result as never)) {
      throw new SignedCallFailure('malformed_response', `${url.host} answered something other than a result`);
    }
    return result as (typeof results)[number];
  };
};

const parseObject = (text: string): Record<string, unknown> | undefined => {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
};

/** The protocol error code of a refusal, for the log line; never the body itself (it may echo personal data). */
const errorCode = (text: string): string => {
  const code = parseObject(text)?.code;
  return typeof code === 'string' && /^E_[A-Z_]{1,40}$/.test(code) ? code : '(no code)';
};
