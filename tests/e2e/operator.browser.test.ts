import { createPrivateKey, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  demoPortalRegistration,
  generatePortalKey,
  type RunningDemoPortal,
  startDemoPortal,
} from '@platform/demo-portals';
import { signWithPrivateKey } from '@platform/enterprise-certificates';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { type RuntimeProcess, startLocalRuntime } from '../support/local-runtime-process.ts';
import { registryOf } from '../support/test-clients.ts';
import { latestSmsCode } from '../support/user-agent.ts';

interface DemoCompany {
  readonly algorithm: string;
  readonly uscc: string;
  readonly companyName: string;
  readonly chainFile: string;
  readonly keyFile: string;
}

/**
 * Operators (Chromium against `npm start`): a company signs in with its test enterprise certificate (RSA) and
 * authorises 张三 (sandbox person 110105199003070113, 13800000001) on its account page; 张三 signs in by phone at a
 * portal that asks for `operator` and L2, verifies his ID number on the way (step-up), chooses to act for the company,
 * and the portal receives the company's USCC; the company revokes, and 张三 can no longer act for it.
 */
describe('an operator acts for a company (Chromium)', () => {
  let runtime: RuntimeProcess;
  // Two browsers: the company's certificate holder, and 张三, whose single sign-on session lasts the whole story.
  let companyBrowser: Awaited<ReturnType<typeof launchBrowser>>;
  let personBrowser: Awaited<ReturnType<typeof launchBrowser>>;
  let companyPage: Page;
  let page: Page;
  let portal: RunningDemoPortal;
  let company: { uscc: string; companyName: string; chainPem: string; key: KeyObject };

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    const folder = join(runtime.stateDir, 'enterprise-ca');
    const manifest = JSON.parse(readFileSync(join(folder, 'trust-anchors.json'), 'utf8')) as {
      demoCompanies: DemoCompany[];
    };
    const rsa = manifest.demoCompanies.find((entry) => entry.algorithm === 'RSA');
    if (!rsa) throw new Error('no RSA demo company');
    company = {
      uscc: rsa.uscc,
      companyName: rsa.companyName,
      chainPem: readFileSync(join(folder, rsa.chainFile), 'utf8'),
      key: createPrivateKey(readFileSync(join(folder, rsa.keyFile), 'utf8')),
    };
    // A portal where companies' business is done: it asks for `operator`, and for L2 (a verified ID number).
    const options = {
      id: 'business-portal',
      name: { 'zh-CN': '企业开办', en: 'Business Registration' },
      port: 0,
      issuer: runtime.endpoints.identity,
      clientId: 'demo-business',
      privateJwk: await generatePortalKey(),
      scopes: 'openid profile operator',
    };
    portal = await startDemoPortal(options);
    const registration = demoPortalRegistration(options, portal.url);
    await registryOf(runtime.endpoints).register(
      { ...registration, allowedScopes: [...registration.allowedScopes, 'operator'] },
      { by: 'test' },
    );
    // The portal discovers the provider on its first sign-in, with a 5 s timeout: on a loaded machine that first
    // attempt can fail, so it is made (and retried) here rather than inside the first test.
    for (let attempt = 0; ; attempt += 1) {
      const login = await fetch(`${portal.url}/login`, { redirect: 'manual' });
      if (login.status === 302 || login.status === 303) break;
      if (attempt >= 5) throw new Error(`the portal cannot reach the provider (${login.status})`);
    }
    companyBrowser = await launchBrowser();
    companyPage = await companyBrowser.context.newPage();
    personBrowser = await launchBrowser();
    page = await personBrowser.context.newPage();
  });
  afterAll(async () => {
    await companyBrowser?.close();
    await personBrowser?.close();
    await portal?.stop();
    await runtime?.stop();
  });

  const identity = () => runtime.endpoints.identity;

  /** The company's certificate holder signs in at the portal, then opens the platform's account page. */
  const companySignsIn = async () => {
    await companyBrowser.context.clearCookies();
    await companyPage.goto(`${portal.url}/login`);
    await companyPage.click('#certificate-option');
    const challenge = (await companyPage.inputValue('#challenge-text')).trim();
    const signed = signWithPrivateKey(company.key, new Uint8Array(Buffer.from(challenge, 'base64url')));
    if (!signed) throw new Error('the demo company key cannot sign');
    await companyPage.fill('#chain', company.chainPem);
    await companyPage.fill('#signature', signed.signature.toString('base64url'));
    await companyPage.click('#certificate-sign-in');
    await companyPage.waitForSelector('#signed-in');
    expect(await companyPage.textContent('#claim-platform_subject_kind')).toContain('legal_person');
    await companyPage.goto(`${identity()}/account`);
    await companyPage.waitForSelector('#operators-heading');
  };

  /** 张三 signs in by phone at the portal (with `?acr=` L2). */
  const zhangSanSignsIn = async () => {
    await page.goto(`${portal.url}/login?acr=urn:platform:loa:2`);
    await page.fill('#phone', '13800000001');
    await page.click('#send-code');
    await page.fill('#code', await latestSmsCode(identity(), '13800000001'));
    await page.click('#verify');
  };

  it('lets the company, signed in with its certificate, authorise 张三 by ID number and name', async () => {
    await companySignsIn();
    await companyPage.fill('#operator-name', '张三');
    await companyPage.fill('#operator-citizen-id', '110105199003070114');
    await companyPage.click('#grant-operator');
    await companyPage.waitForSelector('#operators-error');
    expect(await companyPage.textContent('#operators-error')).toContain('校验');

    await companyPage.fill('#operator-name', '张三');
    await companyPage.fill('#operator-citizen-id', '110105199003070113');
    await companyPage.click('#grant-operator');
    await companyPage.waitForSelector('#operators-notice');
    const row = (await companyPage.textContent('#operators .operator-active')) ?? '';
    expect(row).toContain('张*');
    expect(row).toContain('110***********0113');
    expect(await companyPage.content()).not.toContain('110105199003070113');
    expect(await companyPage.locator('#audit .audit-operator_granted').count()).toBe(1);
  });

  it('lets 张三, after verifying his ID number, act for the company: the portal gets its USCC', async () => {
    await zhangSanSignsIn();
    // The portal needs L2: 张三 verifies his ID number and name, which is also what matches him to the grant.
    await page.waitForSelector('#required-level');
    await page.fill('#name', '张三');
    await page.fill('#citizen-id', '110105199003070113');
    await page.click('#verify-identity');
    await page.waitForSelector('#choose-operator');
    expect(await page.textContent('label[for], form')).toContain(company.companyName);
    await page.check('#act-for-0');
    await page.click('#choose-operator');
    await page.waitForSelector('#signed-in');
    expect(await page.textContent('#claim-platform_subject_kind')).toContain('operator');
    expect(await page.textContent('#claim-platform_uscc')).toBe(company.uscc);
    expect(await page.textContent('#claim-platform_company_name')).toBe(company.companyName);
    expect(await page.textContent('#claim-acr')).toContain('urn:platform:loa:2');
    expect(await page.textContent('#claim-amr')).toContain('id_name');
  });

  it('lets 张三 act as himself instead: no company in the claims', async () => {
    await page.goto(`${portal.url}/login?acr=urn:platform:loa:2`);
    await page.waitForSelector('#choose-operator');
    await page.click('#choose-operator');
    await page.waitForSelector('#signed-in');
    expect(await page.textContent('#claim-platform_subject_kind')).toContain('natural_person');
    expect(await page.locator('#claim-platform_uscc').count()).toBe(0);
  });

  it('stops 张三 acting for the company once it revokes him', async () => {
    await companySignsIn();
    await companyPage.click('#operators .operator-active .revoke-operator');
    await companyPage.waitForSelector('#operators-notice');
    expect(await companyPage.locator('#operators .operator-active').count()).toBe(0);
    expect(await companyPage.locator('#operators .operator-revoked').count()).toBe(1);
    expect(await companyPage.locator('#audit .audit-operator_revoked').count()).toBe(1);
    expect(await companyPage.locator('#audit .audit-operator_acted').count()).toBe(1);

    // 张三's next sign-in at the portal (single sign-on, still L2): no company to act for, so no choice is offered.
    await page.goto(`${portal.url}/login?acr=urn:platform:loa:2`);
    await page.waitForSelector('#signed-in');
    expect(await page.textContent('#claim-platform_subject_kind')).toContain('natural_person');
    expect(await page.locator('#claim-platform_uscc').count()).toBe(0);
  });
});
