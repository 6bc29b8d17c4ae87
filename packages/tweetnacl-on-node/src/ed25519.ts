import { createPrivateKey, createPublicKey, type KeyObject, sign, verify } from 'node:crypto';

/** The DER a raw Ed25519 key is wrapped in for node:crypto: PKCS #8 before a 32-byte seed, SPKI before a public key. */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

const SEED_BYTES = 32;
const PUBLIC_KEY_BYTES = 32;
const SECRET_KEY_BYTES = 64;
const SIGNATURE_BYTES = 64;

/** tweetnacl's checks, with its messages. */
const bytes = (value: unknown): Uint8Array => {
  if (!(value instanceof Uint8Array)) throw new TypeError('unexpected type, use Uint8Array');
  return value;
};
const sized = (value: unknown, size: number, what: string): Uint8Array => {
  const checked = bytes(value);
  if (checked.length !== size) throw new Error(`bad ${what} size`);
  return checked;
};

const privateKeyOf = (seed: Uint8Array): KeyObject =>
  createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });

/**
 * `nacl.sign` as @fidm/x509 calls it (`keyPair.fromSeed`, `detached`, `detached.verify`): Ed25519 (RFC 8032). A
 * secret key is tweetnacl's 64 bytes, the seed then the public key; signing uses the seed, as RFC 8032 defines it.
 */
const detached = Object.assign(
  (message: Uint8Array, secretKey: Uint8Array): Uint8Array =>
    new Uint8Array(
      sign(
        null,
        bytes(message),
        privateKeyOf(sized(secretKey, SECRET_KEY_BYTES, 'secret key').subarray(0, SEED_BYTES)),
      ),
    ),
  {
    verify: (message: Uint8Array, signature: Uint8Array, publicKey: Uint8Array): boolean =>
      verify(
        null,
        bytes(message),
        createPublicKey({
          key: Buffer.concat([SPKI_PREFIX, sized(publicKey, PUBLIC_KEY_BYTES, 'public key')]),
          format: 'der',
          type: 'spki',
        }),
        sized(signature, SIGNATURE_BYTES, 'signature'),
      ),
  },
);

export const keyPairFromSeed = (seed: Uint8Array): { publicKey: Uint8Array; secretKey: Uint8Array } => {
  const checked = sized(seed, SEED_BYTES, 'seed');
  const spki = createPublicKey(privateKeyOf(checked)).export({ format: 'der', type: 'spki' });
  const publicKey = new Uint8Array(spki.subarray(SPKI_PREFIX.length));
  const secretKey = new Uint8Array(SECRET_KEY_BYTES);
  secretKey.set(checked);
  secretKey.set(publicKey, SEED_BYTES);
  return { publicKey, secretKey };
};

export const ed25519 = { detached, keyPair: { fromSeed: keyPairFromSeed } };
