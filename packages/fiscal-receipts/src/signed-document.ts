import { canonicalJson } from '@platform/payment-notices';
import type { PublicJwks } from '@platform/signing-keys';
import { CompactSign, compactVerify, createLocalJWKSet, decodeProtectedHeader, type JWK } from 'jose';
import type { ReceiptSigningKey } from './receipt-signing-keys.ts';

/** `typ` of a signed receipt and of a signed credit note: one can never be passed off as the other. */
export const RECEIPT_TYPE = 'fiscal-receipt+jws';
export const CREDIT_NOTE_TYPE = 'fiscal-credit-note+jws';
export type SignedDocumentType = typeof RECEIPT_TYPE | typeof CREDIT_NOTE_TYPE;

/**
 * A compact JWS (ES256) whose payload is the canonical JSON of `document` (`canonicalJson`: sorted members, no
 * white space), so that any verifier can recompute the exact bytes from the parsed document.
 */
export const signDocument = (document: object, type: SignedDocumentType, signer: ReceiptSigningKey): Promise<string> =>
  new CompactSign(new TextEncoder().encode(canonicalJson(document)))
    .setProtectedHeader({ alg: 'ES256', kid: signer.kid, typ: type })
    .sign(signer.key);

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
