import { sign } from 'node:crypto';
import { canonicalJson } from '@platform/payment-notices';
import type { PublicJwks } from '@platform/signing-keys';
import { compactVerify, createLocalJWKSet, decodeProtectedHeader, type JWK } from 'jose';
import type { ReceiptSigningKey } from './receipt-signing-keys.ts';

/** `typ` of a signed receipt and of a signed credit note: one can never be passed off as the other. */
export const RECEIPT_TYPE = 'fiscal-receipt+jws';
export const CREDIT_NOTE_TYPE = 'fiscal-credit-note+jws';
export type SignedDocumentType = typeof RECEIPT_TYPE | typeof CREDIT_NOTE_TYPE;

const base64url = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

/**
 * A compact JWS (ES256) whose payload is the canonical JSON of `document` (`canonicalJson`: sorted members, no
 * white space), so that any verifier can recompute the exact bytes from the parsed document.
 *
 * Signed with `node:crypto` rather than jose's WebCrypto path: the same JWS (RFC 7515 signing input, the raw r‖s
 * signature that ES256 specifies, i.e. `ieee-p1363`), but one synchronous call instead of a thread-pool job and its
 * promise, on the path of every payment. jose verifies it (`checkSignedDocument`).
 */
export const signDocument = (document: object, type: SignedDocumentType, signer: ReceiptSigningKey): string => {
  const signingInput = `${base64url(JSON.stringify({ alg: 'ES256', kid: signer.kid, typ: type }))}.${base64url(canonicalJson(document))}`;
  const signature = sign('sha256', Buffer.from(signingInput, 'ascii'), { key: signer.key, dsaEncoding: 'ieee-p1363' });
  return `${signingInput}.${signature.toString('base64url')}`;
};

/**
 * The payload of a JWS this service signed and stored, parsed without checking the signature: for reading our own
 * records (the receipt item keeps only the JWS, `receipt-item.ts`), never for trusting a JWS someone hands us.
 */
export const storedPayloadOf = (jws: string): Record<string, unknown> =>
  JSON.parse(Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;

export type SignatureCheck =
  | { readonly ok: true; readonly kid: string; readonly payload: Record<string, unknown> }
  | { readonly ok: false; readonly reason: 'malformed' | 'unknown_key' | 'signature_invalid' | 'wrong_type' };

/** Checks `jws` against the published keys; a payload that is not canonical JSON is `malformed`. */
export const checkSignedDocument = async (
  jws: string,
  jwks: PublicJwks,
  type: SignedDocumentType,
): Promise<SignatureCheck> => {
  let header: ReturnType<typeof decodeProtectedHeader>;
  try {
    header = decodeProtectedHeader(jws);
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  if (header.typ !== type) return { ok: false, reason: 'wrong_type' };
  if (typeof header.kid !== 'string' || !jwks.keys.some((key) => key.kid === header.kid)) {
    return { ok: false, reason: 'unknown_key' };
  }
  let bytes: Uint8Array;
  try {
    ({ payload: bytes } = await compactVerify(jws, createLocalJWKSet({ keys: [...jwks.keys] as JWK[] }), {
      algorithms: ['ES256'],
    }));
  } catch {
    return { ok: false, reason: 'signature_invalid' };
  }
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    const payload: unknown = JSON.parse(text);
    if (typeof payload !== 'object' || payload === null || Array.isArray(payload))
      return { ok: false, reason: 'malformed' };
    if (canonicalJson(payload) !== text) return { ok: false, reason: 'malformed' };
    return { ok: true, kid: header.kid, payload: payload as Record<string, unknown> };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
};
