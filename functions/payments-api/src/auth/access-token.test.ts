import { Problem } from '@platform/http';
import { generateKeyPair, SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { AUDIENCE, createTestTokenIssuer, ISSUER, tampered, withForgedClaims } from '../test-support/test-tokens.ts';
import { createAccessTokenVerifier } from './access-token.ts';
import { AuthenticationProblem } from './authentication-problem.ts';

const setup = async () => {
  const issuer = await createTestTokenIssuer();
  const verify = createAccessTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, keys: issuer.keys });
  return { issuer, verify };
};

/** The refusal a verification ends in, as 401 invalid_token with its challenge. */
const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(AuthenticationProblem);
  expect(error).toMatchObject({ status: 401, code: 'invalid_token' });
  return error as AuthenticationProblem;
};

describe('access token verification', () => {
  it('accepts a token of the provider for this API and reads the department and scopes from it', async () => {
    const { issuer, verify } = await setup();
    const token = await verify(await issuer.sign(), 'Bearer');
    expect(token.clientId).toBe('bj-public-security');
    expect([...token.scopes]).toEqual(['payments:notices:read', 'payments:notices:write']);
    expect(token.dpopThumbprint).toBeUndefined();
  });

  it('reads the DPoP binding (cnf.jkt) when there is one', async () => {
    const { issuer, verify } = await setup();
    const token = await verify(await issuer.sign({ cnf: { jkt: 'thumbprint' } }), 'DPoP');
    expect(token.dpopThumbprint).toBe('thumbprint');
  });

  it('refuses a token for another audience', async () => {
    const { issuer, verify } = await setup();
    const problem = await refusal(verify(await issuer.sign({ aud: 'https://other.example' }), 'Bearer'));
    expect(problem.detail).toMatch(/"aud"/);
    expect(problem.challenge).toMatch(/^Bearer realm="payments", error="invalid_token", error_description="/);
  });

  it('refuses a token of another issuer', async () => {
    const { issuer, verify } = await setup();
    await refusal(verify(await issuer.sign({ iss: 'https://impostor.example' }), 'Bearer'));
  });

  it('refuses an expired token', async () => {
    const { issuer, verify } = await setup();
    const expired = await issuer.sign({}, { expiresIn: -60 });
    expect((await refusal(verify(expired, 'Bearer'))).detail).toMatch(/expired/);
  });

  it('refuses a tampered token: a flipped signature, or claims changed after signing', async () => {
    const { issuer, verify } = await setup();
    const token = await issuer.sign();
    await refusal(verify(tampered(token), 'Bearer'));
    await refusal(verify(withForgedClaims(token, { client_id: 'bj-education-exams' }), 'Bearer'));
    await refusal(verify(withForgedClaims(token, { scope: 'payments:refunds:approve' }), 'Bearer'));
  });

  it('refuses a token signed by a key the provider does not publish, even under a published kid', async () => {
    const { issuer, verify } = await setup();
    const { privateKey } = await generateKeyPair('ES256');
    await refusal(verify(await issuer.sign({}, { key: privateKey }), 'Bearer'));
    await refusal(verify(await issuer.sign({}, { key: privateKey, kid: 'unknown' }), 'Bearer'));
  });

  it('refuses what is not a JWT access token: an ID token (typ), an HS256 token, no client_id, garbage', async () => {
    const { issuer, verify } = await setup();
    await refusal(verify(await issuer.sign({}, { typ: 'JWT' }), 'Bearer'));
    const hs256 = await new SignJWT({ client_id: 'bj-public-security' })
      .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt()
      .setExpirationTime('10m')
      .sign(new Uint8Array(32));
    await refusal(verify(hs256, 'Bearer'));
    await refusal(verify(await issuer.sign({ client_id: undefined }), 'Bearer'));
    await refusal(verify(await issuer.sign({ client_id: 'not a department#1' }), 'Bearer'));
    await refusal(verify('not-a-token', 'Bearer'));
    await refusal(verify('a.b.c', 'Bearer'));
  });

  it('refuses a token bound to a key in a form it can not check', async () => {
    const { issuer, verify } = await setup();
    await refusal(verify(await issuer.sign({ cnf: { 'x5t#S256': 'abc' } }), 'Bearer'));
  });

  it('answers 503 token_keys_unavailable, not 401, when the key set can not be fetched', async () => {
    const verify = createAccessTokenVerifier({
      issuer: ISSUER,
      audience: AUDIENCE,
      keys: () => Promise.reject(new TypeError('fetch failed')),
    });
    const { issuer } = await setup();
    const error = await verify(await issuer.sign(), 'Bearer').catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(Problem);
    expect(error).toMatchObject({ status: 503, code: 'token_keys_unavailable', retryAfter: 1 });
  });

  it('names the DPoP scheme in the challenge of a token sent with it', async () => {
    const { issuer, verify } = await setup();
    const problem = await refusal(verify(tampered(await issuer.sign()), 'DPoP'));
    expect(problem.challenge).toMatch(/^DPoP realm="payments", error="invalid_token", .*algs="ES256/);
  });
});
