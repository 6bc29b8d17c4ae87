import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The signature of the check protocol (README, "Real-protocol adapters"): HMAC-SHA256 under a secret shared with the
 * operator of the registry or carrier gateway, over a string that binds the method, the path, the client, the request
 * id, the time, a single-use nonce and the hash of the exact body bytes. The answer is signed too, over the request's
 * id and nonce, so that an answer can neither be forged nor replayed onto another request.
 */
export const SIGNATURE_ALGORITHM = 'PLATFORM-HMAC-SHA256';

export const HEADERS = {
  clientId: 'x-client-id',
  requestId: 'x-request-id',
  timestamp: 'x-timestamp',
  nonce: 'x-nonce',
  signature: 'x-signature',
} as const;

/** How far apart the two clocks may be, and so how long a nonce must be remembered to refuse a replay. */
export const MAXIMUM_CLOCK_SKEW_SECONDS = 300;

export interface RequestToSign {
  readonly method: string;
  /** The path of the request URL as sent, prefix included (`/gateway/v1/identity-checks`), without the query. */
  readonly path: string;
  readonly clientId: string;
  readonly requestId: string;
  /** Epoch seconds, as a decimal string. */
  readonly timestamp: string;
  readonly nonce: string;
  readonly body: string;
}

export interface ResponseToSign {
  readonly requestId: string;
  /** The nonce of the request answered. */
  readonly nonce: string;
  readonly timestamp: string;
  readonly body: string;
}

export const sha256Hex = (body: string): string => createHash('sha256').update(body, 'utf8').digest('hex');

export const requestStringToSign = (request: RequestToSign): string =>
  [
    SIGNATURE_ALGORITHM,
    request.method.toUpperCase(),
    request.path,
    request.clientId,
    request.requestId,
    request.timestamp,
    request.nonce,
    sha256Hex(request.body),
  ].join('\n');

export const responseStringToSign = (response: ResponseToSign): string =>
  [
    `${SIGNATURE_ALGORITHM}-RESPONSE`,
    response.requestId,
    response.nonce,
    response.timestamp,
    sha256Hex(response.body),
  ].join('\n');

/** base64 of the HMAC-SHA256 of the string to sign. */
export const hmacSignature = (secret: string, stringToSign: string): string =>
  createHmac('sha256', secret).update(stringToSign, 'utf8').digest('base64');

/** Constant-time comparison of a received signature with the expected one. */
export const signatureMatches = (expected: string, received: string | undefined | null): boolean => {
  if (typeof received !== 'string') return false;
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(received, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
};
