import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSignedInAt, launchBrowser } from '../support/browser.ts';
import { type RuntimeProcess, startLocalRuntime } from '../support/local-runtime-process.ts';
import { latestSmsCode } from '../support/user-agent.ts';

/**
 * The payment-account method (Chromium against `npm start`): a citizen signed in by phone steps up by authorising the
 * platform at Alipay — the local Alipay simulator, which verifies the provider's RSA2-signed `alipay.system.oauth.token`
 * and `alipay.user.info.share` requests with the login app's public key and signs its answers with Alipay's key,
 * checked by the official `alipay-sdk` in the identity-payment-account function (the provider only starts and finishes). Sandbox person: 李四, 310104198506150234, 13800000002; the
 * simulator's member 2088000000000102 is certified as 李四, 2088000000000104 as 张叁 (another name).
 */
describe('step-up with an Alipay account (Chromium)', () => {
  let runtime: RuntimeProcess;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    browser = await launchBrowser();
    page = await browser.context.newPage();
    // The provider's first cold start can outlast the gateway's 15 s on a busy machine: wait for it once here.
    for (let tries = 0; tries < 10; tries += 1) {
      const discovery = await fetch(`${runtime.endpoints.identity}/.well-known/openid-configuration`);
      if (discovery.ok) break;
    }
  });
  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  const portal = () => runtime.endpoints.portals['social-security'];

  /** Fills the Alipay form of the step-up page, then picks the member and clicks 授权 at the simulator. */
  const authoriseAtAlipay = async (alipayUserId: string) => {
    await page.fill('#alipay-name', '李四');
    await page.fill('#alipay-citizen-id', '310104198506150234');
    await page.click('#verify-alipay');
    await page.waitForSelector('text=授权 / Authorise');
    expect(new URL(page.url()).pathname).toBe('/oauth2/publicAppAuthorize.htm');
    expect(new URL(page.url()).searchParams.get('scope')).toBe('auth_user');
    await page.check(`input[name="user_id"][value="${alipayUserId}"]`);
    await page.click('button[type="submit"]');
  };

  it('signs in by phone at L1', async () => {
    await page.goto(`${portal()}/login`);
    await page.fill('#phone', '13800000002');
    await page.click('#send-code');
    await page.fill('#code', await latestSmsCode(runtime.endpoints.identity, '13800000002'));
    await page.click('#verify');
    await page.waitForSelector('#signed-in');
    expect(await page.textContent('#claim-acr')).toContain('urn:platform:loa:1');
  });

  it('refuses an Alipay account in another name with a clear message, and the level stays', async () => {
    await page.goto(`${portal()}/login?acr=urn:platform:loa:2`);
    await page.waitForSelector('#verify-alipay');
    await authoriseAtAlipay('2088000000000104');
    await page.waitForSelector('#error');
    expect(await page.textContent('#error')).toContain('支付宝账户实名信息与填写的姓名或公民身份号码不一致');
    expect(await page.textContent('#current-level')).toContain('一级');
    // Back from Alipay through identity-payment-account, which sent the browser on to the provider's completion.
    expect(new URL(page.url()).pathname).toMatch(/^\/interaction\/[\w-]+\/alipay-complete$/);

    // The same return again (a replayed code and state): the state was taken once, nothing is asked of Alipay.
    await page.goto(page.url());
    await page.waitForSelector('#error');
    expect(await page.textContent('#error')).toContain('支付宝授权已过期或不属于本次登录');
    expect(await page.textContent('#current-level')).toContain('一级');
  });

  it('steps up to L2 with the certified Alipay account: amr says alipay', async () => {
    await authoriseAtAlipay('2088000000000102');
    await expectSignedInAt(page, 'urn:platform:loa:2', ['sms', 'alipay']);
  });

  it('reaches L4 (carrier binding plus a verified payment account) with the carrier check alone now', async () => {
    await page.goto(`${portal()}/login?acr=urn:platform:loa:4`);
    await page.waitForSelector('#verify-carrier');
    expect(await page.locator('#verify-alipay').count()).toBe(0);
    await page.fill('#carrier-name', '李四');
    await page.fill('#carrier-citizen-id', '310104198506150234');
    await page.click('#verify-carrier');
    await expectSignedInAt(page, 'urn:platform:loa:4', ['sms', 'carrier_3f', 'alipay']);
  });

  it('logged no ID number, phone number or name in clear', () => {
    const output = runtime.output();
    expect(output).toContain('"method":"alipay"');
    for (const secret of ['310104198506150234', '110105199003070113', '13800000002', '李四', '张叁']) {
      expect(output).not.toContain(secret);
    }
  });
});
