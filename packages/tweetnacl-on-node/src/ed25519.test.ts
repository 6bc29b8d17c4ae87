import { realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import nacl from './index.ts';

/** RFC 8032, 7.1, TEST 1 (empty message); tweetnacl 1.0.3 answers the same. */
const SEED = Buffer.from('9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60', 'hex');
const PUBLIC_KEY = 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a';
const SIGNATURE =
  'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b';
/** Written by tweetnacl 1.0.3 with the same key, before it was replaced here. */
const MESSAGE = Buffer.from('对账单 statement', 'utf8');
const MESSAGE_SIGNATURE =
  '50a025afc33c380fe3004961d37aea6651fcccad7ce164a3d972f8e2f0354cdbea2ee1f5cb969859b3062ae71fdfef56620d2525d290f10cd1fddb13364b8804';

describe('nacl.sign as @fidm/x509 calls it', () => {
  const pair = nacl.sign.keyPair.fromSeed(SEED);

  it('derives the key pair from a seed, the secret key being the seed then the public key', () => {
    expect(Buffer.from(pair.publicKey).toString('hex')).toBe(PUBLIC_KEY);
    expect(Buffer.from(pair.secretKey).toString('hex')).toBe(`${SEED.toString('hex')}${PUBLIC_KEY}`);
  });

  it('signs as RFC 8032 and tweetnacl do, and verifies', () => {
    expect(Buffer.from(nacl.sign.detached(new Uint8Array(0), pair.secretKey)).toString('hex')).toBe(SIGNATURE);
    const signature = nacl.sign.detached(MESSAGE, pair.secretKey);
    expect(Buffer.from(signature).toString('hex')).toBe(MESSAGE_SIGNATURE);
    expect(nacl.sign.detached.verify(MESSAGE, signature, pair.publicKey)).toBe(true);
    expect(nacl.sign.detached.verify(Buffer.from('对账单 statemenT'), signature, pair.publicKey)).toBe(false);
  });

  it('refuses what tweetnacl refuses, with its messages', () => {
    expect(() => nacl.sign.keyPair.fromSeed(SEED.subarray(1))).toThrow('bad seed size');
    expect(() => nacl.sign.detached(MESSAGE, pair.publicKey)).toThrow('bad secret key size');
    expect(() => nacl.sign.detached.verify(MESSAGE, new Uint8Array(63), pair.publicKey)).toThrow('bad signature size');
    expect(() => nacl.sign.detached('text' as never, pair.secretKey)).toThrow('unexpected type, use Uint8Array');
  });

  it('is the tweetnacl @fidm/x509 loads (root package.json overrides)', () => {
    const require = createRequire(import.meta.url);
    const x509 = createRequire(require.resolve('alipay-sdk')).resolve('@fidm/x509');
    expect(realpathSync(createRequire(x509).resolve('tweetnacl'))).toBe(
      realpathSync(new URL('./index.ts', import.meta.url)),
    );
    // @fidm/x509 loads it with require(): its Ed25519 verifier is registered on it.
    expect(() => createRequire(x509)('@fidm/x509')).not.toThrow();
  });
});
