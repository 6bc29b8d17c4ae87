import { generateKeyPairSync } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkJwks } from './client-keys.ts';
import { RegistrationError } from './registration-error.ts';

const refusal = async (value: unknown) => {
  const error = await checkJwks(value).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof RegistrationError)) throw new Error(`expected a RegistrationError, got ${String(error)}`);
  return { code: error.code, field: error.field, message: error.message };
};

describe('checkJwks (a client public key set)', () => {
  let ecPublic: Record<string, unknown>;
  let ecPrivate: Record<string, unknown>;
  let rsaPublic: Record<string, unknown>;
  let edPublic: Record<string, unknown>;

  beforeAll(async () => {
    const ec = await generateKeyPair('ES256', { extractable: true });
    ecPublic = { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', use: 'sig' };
    ecPrivate = { ...(await exportJWK(ec.privateKey)), kid: 'ec-1' };
    rsaPublic = {
      ...(await exportJWK((await generateKeyPair('RS256', { extractable: true })).publicKey)),
      kid: 'rsa-1',
    };
    edPublic = await exportJWK((await generateKeyPair('Ed25519', { extractable: true })).publicKey);
  });

  it('accepts public EC, RSA and Ed25519 keys', async () => {
    const jwks = { keys: [ecPublic, rsaPublic, edPublic] };
    await expect(checkJwks(jwks)).resolves.toEqual(jwks);
  });

  it('refuses a private key with a message that says to send only the public key', async () => {
    const refused = await refusal({ keys: [ecPublic, { ...ecPrivate, kid: 'ec-2' }] });
    expect(refused).toMatchObject({ code: 'private_key_in_jwks', field: 'jwks.keys[1]' });
    expect(refused.message).toContain('"d"');
    expect(refused.message).toContain('only the public key');
  });

  it('refuses a symmetric (secret) key', async () => {
    expect(await refusal({ keys: [{ kty: 'oct', k: 'c2VjcmV0' }] })).toMatchObject({ code: 'private_key_in_jwks' });
  });

  it.each([
    ['not an object', 'keys'],
    ['no keys', {}],
    ['empty keys', { keys: [] }],
    ['a key that is not an object', { keys: ['x'] }],
    ['an unknown key type', { keys: [{ kty: 'XYZ' }] }],
    ['broken key material', { keys: [{ kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'AAAA' }] }],
    ['an unsupported curve', { keys: [{ kty: 'EC', crv: 'secp256k1', x: 'AAAA', y: 'AAAA' }] }],
  ])('refuses %s as invalid_jwks', async (_label, jwks) => {
    expect((await refusal(jwks)).code).toBe('invalid_jwks');
  });

  it('refuses two keys with the same kid and a bad use', async () => {
    expect(await refusal({ keys: [ecPublic, { ...rsaPublic, kid: 'ec-1' }] })).toMatchObject({
      code: 'invalid_jwks',
      field: 'jwks.keys[1]',
    });
    expect((await refusal({ keys: [{ ...ecPublic, use: 'both' }] })).code).toBe('invalid_jwks');
  });

  it('refuses RSA keys shorter than 2048 bits', async () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const refused = await refusal({ keys: [publicKey.export({ format: 'jwk' })] });
    expect(refused).toMatchObject({ code: 'invalid_jwks' });
    expect(refused.message).toContain('2048');
  });
});
