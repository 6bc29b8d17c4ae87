import { describe, expect, it } from 'vitest';
import { apiEvent } from '../test-support/test-events.ts';
import { AUDIENCE, createTestDpopKey, createTestTokenIssuer, ISSUER } from '../test-support/test-tokens.ts';
import { createAccessTokenVerifier } from './access-token.ts';
import { createAuthenticator } from './authenticate.ts';
import { AuthenticationProblem } from './authentication-problem.ts';
import { requireScope } from './caller.ts';
import { createDpopProofVerifier } from './dpop-proof.ts';
import { createInMemoryDpopProofReplayGuard } from './dpop-proof-replay.ts';

const URL_OF_REQUEST = `${AUDIENCE}/v1/notices`;

const setup = async () => {
  const issuer = await createTestTokenIssuer();
  const dpop = await createTestDpopKey();
  const authenticate = createAuthenticator({
    paymentsUrl: `${AUDIENCE}/`,
    verifyAccessToken: createAccessTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, keys: issuer.keys }),
    verifyDpopProof: createDpopProofVerifier({ replay: createInMemoryDpopProofReplayGuard() }),
  });
  const bound = await issuer.sign({ cnf: { jkt: dpop.thumbprint } });
  const request = (headers: Record<string, string>, method = 'GET') =>
    authenticate(apiEvent({ method, path: '/v1/notices', headers }));
  return { issuer, dpop, bound, request };
};

const refusal = async (promise: Promise<unknown>, code = 'invalid_token') => {
  const error = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(AuthenticationProblem);
  expect(error).toMatchObject({ status: 401, code });
  return error as AuthenticationProblem;
};

describe('authentication of a request', () => {
  it('takes the department from the bearer token’s client_id', async () => {
    const { issuer, request } = await setup();
    const caller = await request({ Authorization: `Bearer ${await issuer.sign()}` });
    expect(caller).toMatchObject({ departmentId: 'bj-public-security', scheme: 'Bearer' });
    expect(caller.scopes.has('payments:notices:write')).toBe(true);
  });

  it('accepts the scheme in any case, as RFC 9110 says', async () => {
    const { issuer, request } = await setup();
    await expect(request({ authorization: `bearer ${await issuer.sign()}` })).resolves.toBeDefined();
  });

  it('challenges a request without credentials, without an error code (RFC 6750 §3.1)', async () => {
    const { request } = await setup();
    const problem = await refusal(request({}));
    expect(problem.challenge).toBe('Bearer realm="payments"');
    await refusal(request({ authorization: '' }));
  });

  it('refuses other schemes and malformed headers', async () => {
    const { issuer, request } = await setup();
    const token = await issuer.sign();
    for (const authorization of [`Basic ${token}`, token, `Bearer ${token} extra`, 'Bearer']) {
      const problem = await refusal(request({ authorization }));
      expect(problem.challenge).toContain('error="invalid_token"');
    }
  });

  it('requires a scope with 403 insufficient_scope naming it, in the challenge too', () => {
    const caller = { departmentId: 'd', scopes: new Set(['payments:notices:read']), scheme: 'Bearer' as const };
    expect(requireScope(caller, 'payments:notices:read')).toBe(caller);
    const error = (() => {
      try {
        requireScope(caller, 'payments:notices:write');
      } catch (failure) {
        return failure;
      }
    })();
    expect(error).toMatchObject({ status: 403, code: 'insufficient_scope' });
    expect((error as AuthenticationProblem).detail).toContain('payments:notices:write');
    expect((error as AuthenticationProblem).challenge).toBe(
      'Bearer realm="payments", error="insufficient_scope", scope="payments:notices:write"',
    );
  });

  describe('DPoP-bound tokens', () => {
    it('accepts one sent with the DPoP scheme and a valid proof', async () => {
      const { dpop, bound, request } = await setup();
      const proof = await dpop.proof({ method: 'GET', url: URL_OF_REQUEST, accessToken: bound });
      await expect(request({ authorization: `DPoP ${bound}`, dpop: proof })).resolves.toMatchObject({
        scheme: 'DPoP',
        departmentId: 'bj-public-security',
      });
    });

    it('ignores the query in htu, as RFC 9449 says', async () => {
      const { dpop, bound, request } = await setup();
      const proof = await dpop.proof({ method: 'GET', url: `${URL_OF_REQUEST}?limit=5`, accessToken: bound });
      await expect(request({ authorization: `DPoP ${bound}`, dpop: proof })).resolves.toBeDefined();
    });

    it('refuses one sent as a bearer token, proof or not', async () => {
      const { dpop, bound, request } = await setup();
      const proof = await dpop.proof({ method: 'GET', url: URL_OF_REQUEST, accessToken: bound });
      const problem = await refusal(request({ authorization: `Bearer ${bound}`, dpop: proof }));
      expect(problem.detail).toMatch(/DPoP/);
    });

    it('refuses an unbound token sent with the DPoP scheme', async () => {
      const { issuer, request } = await setup();
      const problem = await refusal(request({ authorization: `DPoP ${await issuer.sign()}` }));
      expect(problem.challenge).toMatch(/^DPoP /);
    });

    it.each([
      ['no proof', async () => undefined],
      ['two proofs', async (p: ProofMaker) => `${await p({})},${await p({})}`],
      ['another method', async (p: ProofMaker) => p({ htm: 'POST' })],
      ['another URL', async (p: ProofMaker) => p({ htu: `${AUDIENCE}/v1/notices/other` })],
      ['another host', async (p: ProofMaker) => p({ htu: 'https://evil.example/v1/notices' })],
      ['another access token', async (p: ProofMaker) => p({ ath: 'x'.repeat(43) })],
      ['no ath', async (p: ProofMaker) => p({ ath: undefined })],
      ['no jti', async (p: ProofMaker) => p({ jti: undefined })],
      ['an old iat', async (p: ProofMaker) => p({ iat: Math.floor(Date.now() / 1000) - 600 })],
      ['a future iat', async (p: ProofMaker) => p({ iat: Math.floor(Date.now() / 1000) + 600 })],
      ['the wrong typ', async (p: ProofMaker) => p({}, { typ: 'JWT' })],
    ])('refuses a proof with %s', async (_, make) => {
      const { dpop, bound, request } = await setup();
      const proofMaker: ProofMaker = (overrides, header) =>
        dpop.proof({ method: 'GET', url: URL_OF_REQUEST, accessToken: bound }, overrides, header);
      const proof = await make(proofMaker);
      const problem = await refusal(
        request({ authorization: `DPoP ${bound}`, ...(proof === undefined ? {} : { dpop: proof }) }),
        'invalid_dpop_proof',
      );
      expect(problem.challenge).toMatch(/^DPoP realm="payments", error="invalid_dpop_proof"/);
    });

    it('refuses a proof signed by another key than the one the token is bound to', async () => {
      const { bound, request } = await setup();
      const stranger = await createTestDpopKey();
      const proof = await stranger.proof({ method: 'GET', url: URL_OF_REQUEST, accessToken: bound });
      await refusal(request({ authorization: `DPoP ${bound}`, dpop: proof }), 'invalid_dpop_proof');
    });

    it('refuses a proof whose header key is not the key that signed it', async () => {
      const { dpop, bound, request } = await setup();
      const stranger = await createTestDpopKey();
      const proof = await dpop.proof(
        { method: 'GET', url: URL_OF_REQUEST, accessToken: bound },
        {},
        {
          key: stranger.privateKey,
        },
      );
      await refusal(request({ authorization: `DPoP ${bound}`, dpop: proof }), 'invalid_dpop_proof');
    });

    it('refuses a proof presented a second time', async () => {
      const { dpop, bound, request } = await setup();
      const proof = await dpop.proof({ method: 'GET', url: URL_OF_REQUEST, accessToken: bound });
      await request({ authorization: `DPoP ${bound}`, dpop: proof });
      const problem = await refusal(request({ authorization: `DPoP ${bound}`, dpop: proof }), 'invalid_dpop_proof');
      expect(problem.detail).toMatch(/used before/);
    });
  });
});

type ProofMaker = (overrides: Record<string, unknown>, header?: { typ?: string }) => Promise<string>;
