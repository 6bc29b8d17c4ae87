import { createHash, createPrivateKey, createPublicKey, createSign, createVerify, type KeyObject } from 'node:crypto';

/**
 * SM2 signatures (GB/T 32918.2, GM/T 0003.2) over SM3, as Chinese CAs, USB keys and GM/T 0015 certificates make them.
 *
 * An SM2 signature is not over SM3(message) but over SM3(Z ‖ message), where Z binds the signer's identity:
 * Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA). GM/T 0009 fixes the default ID, `1234567812345678`, and every
 * certificate signature and every signature from a Chinese USB key uses it.
 *
 * What Node offers, measured on Node 24.21 / OpenSSL 3.5.8 (and the same on Node 20 / OpenSSL 3.0) against an
 * independent BigInt implementation of both SM2 and ECDSA and against the `openssl pkeyutl` CLI:
 * - a key made by `generateKeyPairSync('ec', { namedCurve: 'SM2' })` is an *EC* key: `crypto.sign('sm3', …)` makes
 *   an ECDSA signature on the SM2 curve, which no SM2 verifier accepts;
 * - a key imported from PKCS#8, SEC1 or SubjectPublicKeyInfo is an *SM2* key (`asymmetricKeyType` is `undefined`);
 *   with it, one-shot `crypto.sign('sm3', …)` / `crypto.verify` compute Z with an **empty** ID (ENTL = 0) — not the
 *   GM/T default — and Node has no option to set the ID;
 * - with it, streaming `createSign('SM3')` / `createVerify('SM3')` hash the input and then sign or verify that
 *   digest as `e`, with no Z at all.
 * So this module computes Z itself with the default ID and feeds Z ‖ message to `createSign`/`createVerify`: that is
 * exactly the GM/T signature. Interoperability is pinned by a test against a signature made by the OpenSSL CLI with
 * `-pkeyopt distid:1234567812345678`, and signatures made here verify with that CLI.
 */
export const SM2_DEFAULT_USER_ID = '1234567812345678';

/** a ‖ b ‖ xG ‖ yG of the SM2 recommended curve (GB/T 32918.5), each 32 bytes. */
const CURVE_PARAMETERS = Buffer.from(
  [
    'FFFFFFFEFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF00000000FFFFFFFFFFFFFFFC',
    '28E9FA9E9D9F5E344D5A9E4BCF6509A7F39789F515AB8F92DDBCBD414D940E93',
    '32C4AE2C1F1981195F9904466A39C9948FE30BBFF2660BE1715A4589334C74C7',
    'BC3736A2F4F6779C59BDCEE36B692153D0A9877CC62A474002DF32E52139F0A0',
  ].join(''),
  'hex',
);

/**
 * Z for a public key given as an uncompressed point (`04 ‖ x ‖ y`, 65 bytes). Computed once per key and kept with it:
 * it depends only on the key and the ID.
 */
export const sm2ZValue = (uncompressedPoint: Uint8Array, userId: string = SM2_DEFAULT_USER_ID): Buffer => {
  if (uncompressedPoint.length !== 65 || uncompressedPoint[0] !== 0x04) {
    throw new RangeError('sm2ZValue: expected an uncompressed SM2 point (65 bytes starting with 04)');
  }
  const id = Buffer.from(userId, 'utf8');
  const entl = Buffer.alloc(2);
  entl.writeUInt16BE(id.length * 8);
  return createHash('sm3')
    .update(entl)
    .update(id)
    .update(CURVE_PARAMETERS)
    .update(uncompressedPoint.subarray(1))
    .digest();
};

/**
 * The key as an SM2 key. An EC-typed key on the SM2 curve (fresh from `generateKeyPair`) would sign and verify as
 * ECDSA; re-importing it from its own DER makes OpenSSL treat it as SM2.
 */
export const asSm2Key = (key: KeyObject): KeyObject => {
  if (key.asymmetricKeyType !== 'ec') return key;
  return key.type === 'private'
    ? createPrivateKey({ key: key.export({ type: 'pkcs8', format: 'der' }), format: 'der', type: 'pkcs8' })
    : createPublicKey({ key: key.export({ type: 'spki', format: 'der' }), format: 'der', type: 'spki' });
};

/** A DER `SEQUENCE { r, s }` SM2 signature over SM3(Z ‖ data). */
export const signSm2 = (privateKey: KeyObject, z: Uint8Array, data: Uint8Array): Buffer =>
  createSign('SM3').update(z).update(data).sign(asSm2Key(privateKey));

/** Whether `signature` (DER) is an SM2 signature over SM3(Z ‖ data) by `publicKey`. */
export const verifySm2 = (publicKey: KeyObject, z: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean =>
  createVerify('SM3').update(z).update(data).verify(asSm2Key(publicKey), signature);
