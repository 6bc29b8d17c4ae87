import { createHash, createSign, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { pemBlocks } from './pem.ts';
import { importSubjectPublicKey } from './public-key.ts';
import { verifyWithKey } from './signature-algorithms.ts';
import { signWithPrivateKey } from './signing.ts';
import { SM2_DEFAULT_USER_ID, sm2ZValue } from './sm2.ts';
import { testKeyPair } from './test-support/test-keys.ts';

/**
 * Made with the OpenSSL 3.0 CLI, an implementation independent of this package's Z computation:
 *   openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:SM2 -out key.pem
 *   openssl pkeyutl -sign -inkey key.pem -rawin -digest sm3 -in message -pkeyopt distid:1234567812345678
 * and the same without `-pkeyopt distid:…`, which OpenSSL signs with an empty ID.
 */
const OPENSSL_PUBLIC_KEY = `-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoEcz1UBgi0DQgAE89+cfNB8RSLdOJ230MEQWD3rnrXs
lseA3K20VCc1WwHRUVEgbMg4AX7IL3kic2zEdRkeCmEq4o565FsZovBjnw==
-----END PUBLIC KEY-----`;
const OPENSSL_MESSAGE = Buffer.from(
  'platform-enterprise-signin\nhttps://id.example.gov.cn\nOpenSSL-interop-fixture\n2030-01-01T00:00:00.000Z',
);
const OPENSSL_SIGNATURE_DEFAULT_ID = Buffer.from(
  '3046022100b5b69b3f23154b22e90c7882a52dc512b3d4fce4dcd84f4dd6f2257f7bf6e7d0022100ff86c34126990f27ab8bb60ff12d84785521b64cb464519443b9a706c9063071',
  'hex',
);
const OPENSSL_SIGNATURE_EMPTY_ID = Buffer.from(
  '304602210093ada9f0c2a6894c0472d072a1a66a075dda0f2dc14cd0e764f056c5fe2f2e6a022100e3f947724903e70c3b5affc082d2f64686c8edea20e9a76ecf5f6151c41eca28',
  'hex',
);

const openSslKey = () => {
  const [block] = pemBlocks(OPENSSL_PUBLIC_KEY);
  const key = importSubjectPublicKey(block?.der ?? new Uint8Array());
  if (key === undefined) throw new Error('fixture key not imported');
  return key;
};

describe('SM2 with SM3 (GB/T 32918, GM/T 0009 default ID)', () => {
  it('uses Node\'s SM3 (GB/T 32905 test vector: "abc")', () => {
    expect(createHash('sm3').update('abc').digest('hex')).toBe(
      '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
    );
  });

  it('imports an SM2 SubjectPublicKeyInfo (id-ecPublicKey with the SM2 curve)', () => {
    expect(openSslKey().algorithm).toBe('SM2');
    expect(SM2_DEFAULT_USER_ID).toBe('1234567812345678');
  });

  it('verifies a signature OpenSSL made with the default ID 1234567812345678', () => {
    expect(verifyWithKey(openSslKey(), OPENSSL_MESSAGE, OPENSSL_SIGNATURE_DEFAULT_ID)).toBe(true);
    expect(verifyWithKey(openSslKey(), Buffer.from('another message'), OPENSSL_SIGNATURE_DEFAULT_ID)).toBe(false);
  });

  it('refuses a signature made with an empty ID (what OpenSSL and Node do when no ID is set)', () => {
    expect(verifyWithKey(openSslKey(), OPENSSL_MESSAGE, OPENSSL_SIGNATURE_EMPTY_ID)).toBe(false);
  });

  it("refuses Node's own defaults: one-shot sign (empty-ID Z), streaming sign (no Z), and a generated EC key (ECDSA)", () => {
    const keys = testKeyPair('SM2');
    const publicKey = importSubjectPublicKey(keys.spki);
    if (publicKey === undefined) throw new Error('not imported');
    const message = Buffer.from('challenge');
    expect(verifyWithKey(publicKey, message, sign('sm3', message, keys.privateKey))).toBe(false);
    expect(verifyWithKey(publicKey, message, createSign('SM3').update(message).sign(keys.privateKey))).toBe(false);
    const ecTyped = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const ecPublic = importSubjectPublicKey(ecTyped.publicKey.export({ type: 'spki', format: 'der' }));
    if (ecPublic === undefined) throw new Error('not imported');
    expect(verifyWithKey(ecPublic, message, sign('sm3', message, ecTyped.privateKey))).toBe(false);
  });

  it('signs with the default ID, whether the key was imported (SM2-typed) or freshly generated (EC-typed)', () => {
    const message = Buffer.from('challenge');
    const imported = testKeyPair('SM2');
    const importedPublic = importSubjectPublicKey(imported.spki);
    const generated = generateKeyPairSync('ec', { namedCurve: 'SM2' });
    const generatedPublic = importSubjectPublicKey(generated.publicKey.export({ type: 'spki', format: 'der' }));
    if (importedPublic === undefined || generatedPublic === undefined) throw new Error('not imported');
    const fromImported = signWithPrivateKey(imported.privateKey, message);
    const fromGenerated = signWithPrivateKey(generated.privateKey, message);
    expect(fromImported?.algorithm).toBe('SM2-SM3');
    expect(verifyWithKey(importedPublic, message, fromImported?.signature ?? new Uint8Array())).toBe(true);
    expect(verifyWithKey(generatedPublic, message, fromGenerated?.signature ?? new Uint8Array())).toBe(true);
  });

  it('computes Z from ENTL, the ID, the curve and the key, so a different ID gives a different Z', () => {
    const point = new Uint8Array(65);
    point[0] = 0x04;
    expect(sm2ZValue(point)).toHaveLength(32);
    expect(sm2ZValue(point).equals(sm2ZValue(point, ''))).toBe(false);
    expect(() => sm2ZValue(new Uint8Array(33))).toThrow(RangeError);
  });
});
