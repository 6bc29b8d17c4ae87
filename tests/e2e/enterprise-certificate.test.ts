import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createDocumentClient } from '@platform/dynamodb';
import { signWithPrivateKey } from '@platform/enterprise-certificates';
import { createTestRootCa } from '@platform/enterprise-certificates/test-support';
import { createAuditTrail, createDynamoDbAuditEventStore } from '@platform/real-name';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RuntimeProcess, startLocalRuntime } from '../support/local-runtime-process.ts';
import { startAuthorization } from '../support/portal-flow.ts';
import { discover, registerTestPortal, type TestPortal } from '../support/test-clients.ts';
import { formAction, hiddenField, UserAgent } from '../support/user-agent.ts';

interface Manifest {
  readonly demoCompanies: readonly {
    algorithm: 'RSA' | 'SM2';
    uscc: string;
    companyName: string;
    chainFile: string;
    keyFile: string;
  }[];
}

interface Company {
  readonly uscc: string;
  readonly companyName: string;
  readonly chainPem: string;
  readonly key: KeyObject;
}

interface CertificateForm {
  readonly page: string;
  readonly action: URL;
  readonly csrf: string;
  readonly challengeId: string;
  /** The bytes to sign, as the page shows them (base64url). */
  readonly challenge: string;
}

const sign = (key: KeyObject, challenge: string): string => {
  const signed = signWithPrivateKey(key, new Uint8Array(Buffer.from(challenge, 'base64url')));
  if (!signed) throw new Error('the key cannot sign');
  return signed.signature.toString('base64url');
};

/**
 * Sign-in with an enterprise digital certificate against the platform as `npm start` runs it: the local runtime's
 * test CA (RSA and SM2), a portal registered for the `enterprise` scope, the challenge signed as the signing tool
 * signs it, and the refusals that must sign nobody in.
 */
describe('enterprise certificate sign-in', () => {
  let runtime: RuntimeProcess;
  let issuer: string;
  let portal: TestPortal;
  let config: oidc.Configuration;
  const companies = new Map<string, Company>();

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    issuer = runtime.endpoints.identity;
    // The provider's first request starts its function; on a loaded machine that can pass the local gateway's 15 s
    // limit (503), so discovery below must not be that first request.
    for (let attempt = 0; attempt < 4; attempt += 1) {
      if ((await fetch(`${issuer}/.well-known/openid-configuration`)).ok) break;
    }
    portal = await registerTestPortal(runtime.endpoints, 'enterprise-portal', {
      allowedScopes: ['openid', 'profile', 'enterprise'],
    });
    config = await discover(issuer, portal.clientId, portal.keys);
    const folder = join(runtime.stateDir, 'enterprise-ca');
    const manifest = JSON.parse(readFileSync(join(folder, 'trust-anchors.json'), 'utf8')) as Manifest;
    for (const company of manifest.demoCompanies) {
      companies.set(company.algorithm, {
        uscc: company.uscc,
        companyName: company.companyName,
        chainPem: readFileSync(join(folder, company.chainFile), 'utf8'),
        key: createPrivateKey(readFileSync(join(folder, company.keyFile), 'utf8')),
      });
    }
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  const companyOf = (algorithm: string): Company => {
    const company = companies.get(algorithm);
    if (!company) throw new Error(`no demo company for ${algorithm}`);
    return company;
  };

  const formOf = (page: string): CertificateForm => {
    const challenge = /<textarea id="challenge-text"[^>]*>([\w-]+)<\/textarea>/.exec(page)?.[1];
    if (!challenge) throw new Error(`no challenge in page: ${page.slice(0, 600)}`);
    return {
      page,
      action: new URL(formAction(page, '/certificate'), issuer),
      csrf: hiddenField(page, 'csrf'),
      challengeId: hiddenField(page, 'challenge'),
      challenge,
    };
  };

  /** From the portal's authorization request to the certificate page, through the sign-in page's link. */
  const openCertificatePage = async (
    agent: UserAgent,
    at: { portal: TestPortal; config: oidc.Configuration; scope: string } = {
      portal,
      config,
      scope: 'openid profile enterprise',
    },
  ) => {
    const request = await startAuthorization(at.config, at.portal, { scope: at.scope });
    const signInPage = await agent.follow(request.url, {}, at.portal.redirectUri);
    const html = (await signInPage.response?.text()) ?? '';
    expect(html).toContain('企业数字证书登录');
    const link = /href="([^"]*\/certificate[^"]*)" id="certificate-option"/.exec(html)?.[1];
    if (!link) throw new Error('no certificate option on the sign-in page');
    const certificatePage = await agent.request(new URL(link.replaceAll('&amp;', '&'), issuer));
    expect(certificatePage.status).toBe(200);
    return { request, form: formOf(await certificatePage.text()) };
  };

  const submit = (agent: UserAgent, form: CertificateForm, chainPem: string, signature: string, stopAt = portal) =>
    agent.postForm(
      form.action,
      { csrf: form.csrf, challenge: form.challengeId, chain: chainPem, signature },
      stopAt.redirectUri,
    );

  it.each(['RSA', 'SM2'])(
    'signs a company in with its %s certificate: acr L4, amr pop, the USCC released to the enterprise portal',
    async (algorithm) => {
      const company = companyOf(algorithm);
      const agent = new UserAgent();
      const { request, form } = await openCertificatePage(agent);
      expect(form.page).toContain(
        'npm run sign-challenge -- --key company.key.pem --cert company.chain.pem --challenge',
      );
      const { url: callback, response } = await submit(
        agent,
        form,
        company.chainPem,
        sign(company.key, form.challenge),
      );
      expect(response, await response?.text()).toBeUndefined();
      const tokens = await request.redeem(callback);
      const claims = tokens.claims();
      expect(claims).toMatchObject({ iss: issuer, aud: portal.clientId, acr: 'urn:platform:loa:4', amr: ['pop'] });
      const userinfo = await oidc.fetchUserInfo(config, tokens.access_token, claims?.sub as string);
      expect(userinfo).toMatchObject({
        platform_uscc: company.uscc,
        platform_company_name: company.companyName,
        platform_subject_kind: 'legal_person',
      });
    },
  );

  it("records the sign-in and each release of the USCC in the company's audit trail", async () => {
    const company = companyOf('RSA');
    const agent = new UserAgent();
    const { request, form } = await openCertificatePage(agent);
    const { url } = await submit(agent, form, company.chainPem, sign(company.key, form.challenge));
    const tokens = await request.redeem(url);
    const sub = tokens.claims()?.sub as string;
    await oidc.fetchUserInfo(config, tokens.access_token, sub);
    const documents = createDocumentClient({ DYNAMODB_ENDPOINT: runtime.endpoints.dynamodb });
    const trail = createAuditTrail({
      store: createDynamoDbAuditEventStore({ documents, tableName: runtime.endpoints.tables.IDENTITY_TABLE as string }),
    });
    const { events } = await trail.listForSubject(sub, { limit: 100 });
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'sign_in', portal: portal.clientId, methods: ['enterprise_cert'] }),
    );
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'data_release',
        portal: portal.clientId,
        claims: ['platform_uscc', 'platform_company_name'],
      }),
    );
    documents.destroy();
  });

  it('releases no USCC to a portal not registered for the enterprise scope', async () => {
    const plain = await registerTestPortal(runtime.endpoints, 'plain-portal', { allowedScopes: ['openid', 'profile'] });
    const plainConfig = await discover(issuer, plain.clientId, plain.keys);
    const company = companyOf('SM2');
    const agent = new UserAgent();
    const { request, form } = await openCertificatePage(agent, {
      portal: plain,
      config: plainConfig,
      scope: 'openid profile',
    });
    const { url } = await submit(agent, form, company.chainPem, sign(company.key, form.challenge), plain);
    const tokens = await request.redeem(url);
    const sub = tokens.claims()?.sub as string;
    const userinfo = await oidc.fetchUserInfo(plainConfig, tokens.access_token, sub);
    expect(userinfo).toMatchObject({ platform_subject_kind: 'legal_person' });
    expect(userinfo).not.toHaveProperty('platform_uscc');
    expect(userinfo).not.toHaveProperty('platform_company_name');
  });

  it('gives a company the same subject on every sign-in, and a different one per company', async () => {
    const subOf = async (algorithm: string) => {
      const agent = new UserAgent();
      const { request, form } = await openCertificatePage(agent);
      const company = companyOf(algorithm);
      const { url } = await submit(agent, form, company.chainPem, sign(company.key, form.challenge));
      return (await request.redeem(url)).claims()?.sub;
    };
    const first = await subOf('RSA');
    expect(first).toMatch(/^[\w-]{22}$/);
    expect(await subOf('RSA')).toBe(first);
    expect(await subOf('SM2')).not.toBe(first);
  });

  it('refuses a signature made with another key: the error page, and nobody signed in', async () => {
    const company = companyOf('RSA');
    const stranger = createTestRootCa({ algorithm: 'RSA', name: 'Stranger key' }).keys.privateKey;
    const agent = new UserAgent();
    const { form } = await openCertificatePage(agent);
    const { response } = await submit(agent, form, company.chainPem, sign(stranger, form.challenge));
    expect(response?.status).toBe(400);
    const page = (await response?.text()) ?? '';
    expect(page).toContain('id="error"');
    expect(page).toContain('签名不是由该证书对应的私钥生成的');
    // A new challenge is shown, and the session holds no login: a new request lands on the sign-in page again.
    expect(formOf(page).challengeId).not.toBe(form.challengeId);
    const again = await agent.follow(
      (await startAuthorization(config, portal, { scope: 'openid' })).url,
      {},
      portal.redirectUri,
    );
    expect(again.response?.status).toBe(200);
    expect(await again.response?.text()).toContain('id="send-code"');
  });

  it('refuses a challenge used a second time, even with the right signature', async () => {
    const company = companyOf('SM2');
    const agent = new UserAgent();
    const { form } = await openCertificatePage(agent);
    const signature = sign(company.key, form.challenge);
    const first = await submit(agent, form, company.chainPem, sign(companyOf('RSA').key, form.challenge));
    expect(first.response?.status).toBe(400);
    const replay = await submit(agent, form, company.chainPem, signature);
    expect(replay.response?.status).toBe(400);
    expect(await replay.response?.text()).toContain('该登录请求已被使用');
  });

  it('refuses a chain from a CA the platform does not trust', async () => {
    const rogueRoot = createTestRootCa({ algorithm: 'SM2', name: 'Rogue Root CA' });
    const rogueIntermediate = rogueRoot.issueIntermediate();
    const leaf = rogueIntermediate.issueLeaf({ uscc: companyOf('RSA').uscc });
    const agent = new UserAgent();
    const { form } = await openCertificatePage(agent);
    const chain = `${leaf.pem}\n${rogueIntermediate.certificate.pem}`;
    const { response } = await submit(agent, form, chain, sign(leaf.keys.privateKey, form.challenge));
    expect(response?.status).toBe(400);
    expect(await response?.text()).toContain('不是由本平台认可的数字证书认证机构');
  });

  it("files every refusal above in the platform's certificate trail: the code, the portal, no certificate data", async () => {
    const documents = createDocumentClient({ DYNAMODB_ENDPOINT: runtime.endpoints.dynamodb });
    const trail = createAuditTrail({
      store: createDynamoDbAuditEventStore({ documents, tableName: runtime.endpoints.tables.IDENTITY_TABLE as string }),
    });
    const { events } = await trail.listForSubject('platform:enterprise-certificate-sign-in', { limit: 100 });
    const codes = events.map((event) => (event as { errorCode?: string }).errorCode);
    for (const code of ['challenge_signature_invalid', 'challenge_replayed', 'certificate_untrusted']) {
      expect(codes).toContain(code);
    }
    for (const event of events) {
      expect(event).toMatchObject({ type: 'certificate_sign_in_refused', portal: portal.clientId });
    }
    expect(JSON.stringify(events)).not.toContain(companyOf('RSA').uscc);
    documents.destroy();
  });
});
