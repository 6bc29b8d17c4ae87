import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { exportJWK, generateKeyPair } from 'jose';
import { describe, expect, it } from 'vitest';
import { KNOWN_SCOPES, PAYMENTS_SCOPES } from './known-scopes.ts';
import { RegistrationError } from './registration-error.ts';
import { CLIENT_ID_PATTERN, validateRegistration } from './validate-registration.ts';

type Json = Record<string, unknown>;
const example = (file: string): Json =>
  JSON.parse(readFileSync(new URL(`../examples/${file}`, import.meta.url), 'utf8')) as Json;
const portal = (changes: Json = {}): Json => ({ ...example('citizen-portal.json'), ...changes });
const department = (changes: Json = {}): Json => ({ ...example('market-supervision-department.json'), ...changes });
const without = (input: Json, field: string): Json =>
  Object.fromEntries(Object.entries(input).filter(([k]) => k !== field));

const refusal = async (input: unknown) => {
  const error = await validateRegistration(input).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof RegistrationError)) throw new Error(`expected a RegistrationError, got ${String(error)}`);
  return { code: error.code, field: error.field, message: error.message };
};

describe('validateRegistration', () => {
  describe('the examples shipped with the CLI', () => {
    it.each(['citizen-portal.json', 'market-supervision-department.json', 'partner-portal-secret-exception.json'])(
      'accepts %s',
      async (file) => {
        await expect(validateRegistration(example(file))).resolves.toMatchObject({ clientId: example(file).clientId });
      },
    );
  });

  describe('defaults', () => {
    it('fills in private_key_jwt, public subjects, ES256 and no post-logout URIs', async () => {
      const input = without(
        without(without(without(portal(), 'tokenEndpointAuthMethod'), 'subjectType'), 'idTokenSignedResponseAlg'),
        'postLogoutRedirectUris',
      );
      expect(await validateRegistration(input)).toMatchObject({
        tokenEndpointAuthMethod: 'private_key_jwt',
        subjectType: 'public',
        idTokenSignedResponseAlg: 'ES256',
        postLogoutRedirectUris: [],
      });
    });

    it('keeps redirect URIs as exact strings, drops repeats and orders scopes as the provider lists them', async () => {
      const result = await validateRegistration(
        portal({
          redirectUris: ['https://A.example.gov.cn/cb?x=1', 'https://A.example.gov.cn/cb?x=1'],
          allowedScopes: ['phone', 'openid', 'phone'],
        }),
      );
      expect(result).toMatchObject({
        redirectUris: ['https://A.example.gov.cn/cb?x=1'],
        allowedScopes: ['openid', 'phone'],
      });
    });
  });

  describe('client id and names', () => {
    it.each(['ab', 'Zhejiang', '1portal', 'portal_1', 'portal.one', `p${'a'.repeat(63)}`, 42])(
      'refuses client id %s',
      async (clientId) => {
        expect(await refusal(portal({ clientId }))).toMatchObject({ code: 'invalid_client_id', field: 'clientId' });
      },
    );

    it('accepts exactly the client ids of the documented pattern (property)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.string({ maxLength: 70 }), async (clientId) => {
          const outcome = await validateRegistration(portal({ clientId })).then(
            () => 'accepted',
            (error: RegistrationError) => error.code,
          );
          expect(outcome === 'accepted').toBe(CLIENT_ID_PATTERN.test(clientId));
        }),
        { numRuns: 200 },
      );
    });

    it.each([
      ['missing', undefined, 'missing_field', 'name'],
      ['a string', 'Portal', 'invalid_name', 'name'],
      ['without English', { 'zh-CN': '门户' }, 'invalid_name', 'name.en'],
      ['blank', { 'zh-CN': ' ', en: 'Portal' }, 'invalid_name', 'name.zh-CN'],
      ['in a third language', { 'zh-CN': '门户', en: 'Portal', fr: 'Portail' }, 'invalid_name', 'name.fr'],
    ])('refuses a name that is %s', async (_label, name, code, field) => {
      const input = name === undefined ? without(portal(), 'name') : portal({ name });
      expect(await refusal(input)).toMatchObject({ code, field });
    });

    it('refuses an unknown kind and unknown fields, naming them', async () => {
      expect(await refusal(portal({ kind: 'app' }))).toMatchObject({ code: 'invalid_kind', field: 'kind' });
      expect(await refusal(portal({ redirectUri: 'https://x.example/cb' }))).toMatchObject({
        code: 'unknown_field',
        field: 'redirectUri',
      });
      expect(await refusal('portal')).toMatchObject({ code: 'invalid_input' });
    });
  });

  describe('redirect URIs', () => {
    it('needs at least one', async () => {
      expect(await refusal(portal({ redirectUris: [] }))).toMatchObject({
        code: 'missing_field',
        field: 'redirectUris',
      });
      expect(await refusal(without(portal(), 'redirectUris'))).toMatchObject({ code: 'missing_field' });
    });

    it('refuses http outside loopback in every URI field, naming the exact entry', async () => {
      expect(
        await refusal(portal({ redirectUris: ['https://a.example.gov.cn/cb', 'http://a.example.gov.cn/cb'] })),
      ).toMatchObject({ code: 'insecure_redirect_uri', field: 'redirectUris[1]' });
      expect(await refusal(portal({ postLogoutRedirectUris: ['http://a.example.gov.cn/'] }))).toMatchObject({
        code: 'insecure_redirect_uri',
        field: 'postLogoutRedirectUris[0]',
      });
      expect(await refusal(portal({ backchannelLogoutUri: 'http://a.example.gov.cn/bcl' }))).toMatchObject({
        code: 'insecure_redirect_uri',
        field: 'backchannelLogoutUri',
      });
      expect(await refusal(without(portal({ jwksUri: 'http://a.example.gov.cn/jwks' }), 'jwks'))).toMatchObject({
        code: 'insecure_uri',
        field: 'jwksUri',
      });
    });

    it('refuses fragments, wildcards and relative URIs', async () => {
      for (const uri of ['https://a.example.gov.cn/cb#x', 'https://*.example.gov.cn/cb', 'cb'])
        expect(await refusal(portal({ redirectUris: [uri] }))).toMatchObject({ code: 'invalid_redirect_uri' });
    });

    it('mentions the offending URI in the message', async () => {
      const { message } = await refusal(portal({ redirectUris: ['http://portal.example.gov.cn/cb'] }));
      expect(message).toContain('http://portal.example.gov.cn/cb');
      expect(message).toContain('localhost');
    });
  });

  describe('scopes', () => {
    it('refuses an unknown scope, naming it', async () => {
      const refused = await refusal(portal({ allowedScopes: ['openid', 'profile', 'passport'] }));
      expect(refused).toMatchObject({ code: 'unknown_scope', field: 'allowedScopes' });
      expect(refused.message).toContain('"passport"');
    });

    it('needs openid for a portal and at least one scope for anyone', async () => {
      expect(await refusal(portal({ allowedScopes: ['profile'] }))).toMatchObject({ code: 'missing_scope' });
      expect(await refusal(portal({ allowedScopes: [] }))).toMatchObject({ code: 'missing_field' });
    });

    it('gives departments payments scopes only', async () => {
      const refused = await refusal(department({ allowedScopes: ['payments:notices:read', 'openid'] }));
      expect(refused).toMatchObject({ code: 'scope_not_allowed', field: 'allowedScopes' });
      expect(refused.message).toContain('"openid"');
    });

    it('accepts any subset of the known scopes that includes openid (property)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.subarray([...KNOWN_SCOPES]), async (scopes) => {
          const result = await validateRegistration(portal({ allowedScopes: ['openid', ...scopes] }));
          expect(new Set(result.allowedScopes)).toEqual(new Set(['openid', ...scopes]));
        }),
        { numRuns: 50 },
      );
    });

    it('accepts any non-empty subset of the payments scopes for a department (property)', async () => {
      await fc.assert(
        fc.asyncProperty(fc.subarray([...PAYMENTS_SCOPES], { minLength: 1 }), async (scopes) => {
          expect((await validateRegistration(department({ allowedScopes: scopes }))).allowedScopes).toHaveLength(
            scopes.length,
          );
        }),
        { numRuns: 30 },
      );
    });
  });

  describe('client authentication', () => {
    it('needs jwks or jwksUri for private_key_jwt, and not both', async () => {
      expect(await refusal(without(portal(), 'jwks'))).toMatchObject({ code: 'missing_client_keys', field: 'jwks' });
      expect(await refusal(portal({ jwksUri: 'https://zwfw.example.gov.cn/jwks' }))).toMatchObject({
        code: 'conflicting_client_keys',
      });
    });

    it('refuses a JWKS holding a private key', async () => {
      const { privateKey } = await generateKeyPair('ES256', { extractable: true });
      const refused = await refusal(portal({ jwks: { keys: [await exportJWK(privateKey)] } }));
      expect(refused).toMatchObject({ code: 'private_key_in_jwks', field: 'jwks.keys[0]' });
    });

    it('accepts client_secret_basic only with an exception reason', async () => {
      const basic = example('partner-portal-secret-exception.json');
      expect(await refusal(without(basic, 'exceptionReason'))).toMatchObject({
        code: 'missing_exception_reason',
        field: 'exceptionReason',
      });
      expect(await refusal({ ...basic, exceptionReason: 'legacy' })).toMatchObject({
        code: 'missing_exception_reason',
      });
      expect(await refusal(portal({ exceptionReason: 'We would rather not sign JWTs' }))).toMatchObject({
        code: 'not_applicable',
        field: 'exceptionReason',
      });
    });

    it('refuses other methods and ID token algorithms', async () => {
      expect(await refusal(portal({ tokenEndpointAuthMethod: 'none' }))).toMatchObject({
        code: 'invalid_value',
        field: 'tokenEndpointAuthMethod',
      });
      expect(await refusal(portal({ idTokenSignedResponseAlg: 'HS256' }))).toMatchObject({
        code: 'invalid_value',
        field: 'idTokenSignedResponseAlg',
      });
    });
  });

  describe('pairwise subjects', () => {
    const pairwise = (changes: Json = {}) =>
      portal({
        subjectType: 'pairwise',
        redirectUris: ['https://a.example.gov.cn/cb', 'https://a.example.gov.cn/cb2'],
        ...changes,
      });

    it('derives the sector from the one redirect host, or checks the one given', async () => {
      expect(await validateRegistration(pairwise())).toMatchObject({ sectorIdentifier: 'a.example.gov.cn' });
      expect(await validateRegistration(pairwise({ sectorIdentifier: 'a.example.gov.cn' }))).toMatchObject({
        sectorIdentifier: 'a.example.gov.cn',
      });
      expect(await refusal(pairwise({ sectorIdentifier: 'b.example.gov.cn' }))).toMatchObject({
        code: 'invalid_sector_identifier',
      });
    });

    it('refuses redirect URIs on several hosts', async () => {
      const refused = await refusal(
        pairwise({ redirectUris: ['https://a.example.gov.cn/cb', 'https://b.example.gov.cn/cb'] }),
      );
      expect(refused).toMatchObject({ code: 'pairwise_multiple_hosts', field: 'redirectUris' });
    });

    it('refuses a sector identifier on a public portal', async () => {
      expect(await refusal(portal({ sectorIdentifier: 'zwfw.example.gov.cn' }))).toMatchObject({
        code: 'not_applicable',
        field: 'sectorIdentifier',
      });
    });
  });

  describe('departments', () => {
    it.each(['330100', '33010-SCJGJ', '330100-scjgj', '930100-SCJGJ', '330100-S'])(
      'refuses department code %s',
      async (departmentCode) => {
        expect(await refusal(department({ departmentCode }))).toMatchObject({
          code: 'invalid_department_code',
          field: 'departmentCode',
        });
      },
    );

    it('needs a department code', async () => {
      expect(await refusal(without(department(), 'departmentCode'))).toMatchObject({ code: 'missing_field' });
    });

    it.each(['redirectUris', 'firstParty', 'subjectType', 'backchannelLogoutUri'])(
      'refuses the portal field %s on a department',
      async (field) => {
        expect(await refusal(department({ [field]: portal()[field] ?? 'x' }))).toMatchObject({
          code: 'not_applicable',
          field,
        });
      },
    );

    it('refuses a department code on a portal', async () => {
      expect(await refusal(portal({ departmentCode: '330100-SCJGJ' }))).toMatchObject({ code: 'not_applicable' });
    });
  });

  it('needs firstParty to be said explicitly for a portal', async () => {
    expect(await refusal(without(portal(), 'firstParty'))).toMatchObject({
      code: 'missing_field',
      field: 'firstParty',
    });
    expect(await refusal(portal({ firstParty: 'yes' }))).toMatchObject({ code: 'invalid_value' });
  });
});
