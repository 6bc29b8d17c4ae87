import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The sandbox's HMAC signature, shaped like the platform's own webhooks: `t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<payload>">`. It signs the notifications the sandbox sends (payload: the raw body) and the adapter's API
 * requests (payload: `<METHOD>\n<path and query>\n<body>`). The timestamp limits replays to `toleranceMs`.
 */
export const SANDBOX_SIGNATURE_HEADER = 'sandbox-signature';

const DEFAULT_TOLERANCE_MS = 5 * 60 * 1000;

const mac = (secret: string, timestamp: string, payload: string): string =>
  createHmac('sha256', secret).update(`${timestamp}.${payload}`, 'utf8').digest('hex');

export const signSandboxPayload = (secret: string, payload: string, nowMs: number): string => {
  const timestamp = String(Math.floor(nowMs / 1000));
  return `t=${timestamp},v1=${mac(secret, timestamp, payload)}`;
};

export const verifySandboxSignature = (
  secret: string,
  header: string | undefined,
  payload: string,
  nowMs: number,
  toleranceMs = DEFAULT_TOLERANCE_MS,
): boolean => {
  if (!header) return false;
  const parts = new Map(header.split(',').map((part) => part.trim().split('=', 2) as [string, string | undefined]));
  const timestamp = parts.get('t');
  const given = parts.get('v1');
  if (!timestamp || !/^\d{1,12}$/.test(timestamp) || !given || !/^[0-9a-f]{64}$/.test(given)) return false;
  if (Math.abs(nowMs - Number(timestamp) * 1000) > toleranceMs) return false;
  return timingSafeEqual(Buffer.from(mac(secret, timestamp, payload), 'hex'), Buffer.from(given, 'hex'));
};

/** What the adapter signs for an API request, and what the server checks. */
export const sandboxRequestPayload = (method: string, pathAndQuery: string, body: string): string =>
  `${method.toUpperCase()}\n${pathAndQuery}\n${body}`;
