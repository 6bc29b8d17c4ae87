import { createPrivateKey, type KeyObject } from 'node:crypto';
import { cachedKeySet, type KeySetStore, type PublicJwks, publicJwks } from '@platform/signing-keys';
import { FiscalReceiptError } from './receipt-errors.ts';

/** The key that signs receipts now, imported once per key (`signDocument`). */
export interface ReceiptSigningKey {
  readonly kid: string;
  readonly key: KeyObject;
}

/**
 * The finance bureau's receipt-signing keys (port). `signingKey` is the one key that signs now; `jwks` publishes
 * the public half of every key that ever signed a receipt and is still kept, so that anyone can verify offline.
 *
 * Adapter: {@link keySetReceiptKeys}, over a `KeySetStore` of `@platform/signing-keys` (a local file, or a Secrets
 * Manager secret of the payments stack): the same key document, rotation states and CLI as the identity provider's,
 * but a different document, so a token key and a receipt key are never the same key.
 */
export interface ReceiptKeys {
  signingKey(): Promise<ReceiptSigningKey>;
  jwks(): Promise<PublicJwks>;
}

/** Receipts are ES256 only; the key document also holds RS256 keys (its shape is shared), which are ignored here. */
const RECEIPT_ALGORITHM = 'ES256';

/**
 * Reads the store at most once per `ttlMs` (a warm Lambda signs without a secret read per receipt). A receipt is a
 * record kept for years: rotate receipt keys with a retention longer than any receipt must stay verifiable (the
 * README says how), because a key dropped from the JWKS makes its receipts unverifiable.
 */
export const keySetReceiptKeys = (store: Pick<KeySetStore, 'load'>, ttlMs = 5 * 60_000): ReceiptKeys => {
  const keySet = cachedKeySet(store, ttlMs);
  let imported: ReceiptSigningKey | undefined;
  return {
    async signingKey() {
      let set: Awaited<ReturnType<typeof keySet>>;
      try {
        set = await keySet();
      } catch (error) {
        throw new FiscalReceiptError('receipt_key_unavailable', 'The receipt-signing key could not be read.', {
          cause: error,
        });
      }
      const current = set.keys.find((key) => key.alg === RECEIPT_ALGORITHM && key.state === 'current');
      if (!current) throw new FiscalReceiptError('receipt_key_unavailable', 'No current ES256 receipt-signing key.');
      if (imported?.kid !== current.kid) {
        imported = { kid: current.kid, key: createPrivateKey({ key: current.privateJwk, format: 'jwk' }) };
      }
      return imported;
    },
    async jwks() {
      const set = await keySet();
      return { keys: publicJwks(set).keys.filter((key) => key.alg === RECEIPT_ALGORITHM) };
    },
  };
};
