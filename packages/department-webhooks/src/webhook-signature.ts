import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * `Platform-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>[,v1=…]`.
 *
 * The timestamp is inside the MAC, so a captured request can not be replayed later with a fresh `t`. During a
 * secret rotation the platform signs with every live secret and sends one `v1` per secret; a receiver accepts the
 * request if any `v1` matches any secret it holds.
 */
export const SIGNATURE_HEADER = 'Platform-Signature';

/** Five minutes: wide enough for clock skew and a slow retry, narrow enough to make replays useless. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

const hmacHex = (secret: string, timestamp: number, body: string): string =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');

export const signatureHeaderValue = (secrets: readonly string[], timestamp: number, body: string): string => {
  if (secrets.length === 0) throw new Error('At least one webhook secret is needed to sign.');
  if (!Number.isInteger(timestamp) || timestamp < 0) throw new Error('The timestamp must be whole unix seconds.');
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${hmacHex(secret, timestamp, body)}`)].join(',');
};

export type SignatureRejection = 'malformed_header' | 'timestamp_outside_tolerance' | 'no_matching_signature';

export type SignatureCheck = { readonly valid: true } | { readonly valid: false; readonly reason: SignatureRejection };

export interface VerifyOptions {
  /** Unix seconds now; defaults to the clock. */
  readonly now?: number;
  readonly toleranceSeconds?: number;
}

/**
 * The verifier departments copy (it needs only `node:crypto`). Give it the header value, the RAW request body
 * exactly as received (before any JSON parsing) and your endpoint secret(s). Comparisons are constant-time.
 */
export const verifyWebhookSignature = (
  header: string | undefined,
  rawBody: string,
  secrets: readonly string[],
  options: VerifyOptions = {},
): SignatureCheck => {
  if (!header) return { valid: false, reason: 'malformed_header' };
  let timestamp: number | undefined;
  const signatures: Buffer[] = [];
  for (const part of header.split(',')) {
    const separator = part.indexOf('=');
    const name = part.slice(0, separator).trim();
    const value = part.slice(separator + 1).trim();
    if (name === 't' && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    else if (name === 'v1' && /^[0-9a-f]{64}$/.test(value)) signatures.push(Buffer.from(value, 'hex'));
  }
  if (timestamp === undefined || signatures.length === 0) return { valid: false, reason: 'malformed_header' };
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) {
    return { valid: false, reason: 'timestamp_outside_tolerance' };
  }
  for (const secret of secrets) {
    const expected = Buffer.from(hmacHex(secret, timestamp, rawBody), 'hex');
    // Every candidate is compared in full, so timing says nothing about which one (if any) matched.
    let matched = false;
    for (const signature of signatures) matched = timingSafeEqual(signature, expected) || matched;
    if (matched) return { valid: true };
  }
  return { valid: false, reason: 'no_matching_signature' };
};
