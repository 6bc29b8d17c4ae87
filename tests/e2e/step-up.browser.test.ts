import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSignedInAt, launchBrowser } from '../support/browser.ts';
import { type RuntimeProcess, startLocalRuntime } from '../support/local-runtime-process.ts';
import { latestSmsCode } from '../support/user-agent.ts';

/**
 * Step-up instead of refusal (Chromium against `npm start`): a citizen signed in by phone at L1 visits a portal that
 * needs L3 and is taken through an ID number + name check and a carrier three-factor check; the ID token then says
 * L3 with the methods of this session in `amr`. Sandbox person: 张三, 110105199003070113, 13800000001. Then a
 * browser without a session asking for L2 goes from the SMS code straight to the step-up page, within the same
 * sign-in (李四, 310104198506150234, 13800000002).
 */
describe('step-up to a higher assurance level (Chromium)', () => {
  let runtime: RuntimeProcess;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  const portal = () => runtime.endpoints.portals['social-security'];

  it('signs in by phone at L1 when the portal asks for nothing more', async () => {
    await page.goto(`${portal()}/login`);
    await page.fill('#phone', '13800000001');
    await page.click('#send-code');
    await page.fill('#code', await latestSmsCode(runtime.endpoints.identity, '13800000001'));
    await page.click('#verify');
    await page.waitForSelector('#signed-in');
    expect(await page.textContent('#claim-acr')).toContain('urn:platform:loa:1');
  });

  it('steps up to L2 with an ID number + name check, after a refused mismatch that changes nothing', async () => {
    await page.goto(`${portal()}/login?acr=urn:platform:loa:2`);
    await page.waitForSelector('#required-level');
    expect(await page.textContent('#current-level')).toContain('一级');
    expect(await page.textContent('#required-level')).toContain('二级');

    await page.fill('#name', '李四');
    await page.fill('#citizen-id', '110105199003070113');
    await page.click('#verify-identity');
    await page.waitForSelector('#error');
    expect(await page.textContent('#current-level')).toContain('一级');

    await page.fill('#name', '张三');
    await page.fill('#citizen-id', '110105199003070113');
    await page.click('#verify-identity');
    await page.waitForSelector('#signed-in');
    expect(await page.textContent('#claim-acr')).toContain('urn:platform:loa:2');
    expect(await page.textContent('#claim-amr')).toContain('id_name');
  });

  it('steps up from L2 to L3 with the carrier three-factor check', async () => {
    await page.goto(`${portal()}/login?acr=urn:platform:loa:3`);
    await page.waitForSelector('#verify-carrier');
    expect(await page.textContent('#current-level')).toContain('二级');
    expect(await page.locator('#verify-identity').count()).toBe(0);
    await page.fill('#carrier-name', '张三');
    await page.fill('#carrier-citizen-id', '110105199003070113');
    await page.click('#verify-carrier');
    await expectSignedInAt(page, 'urn:platform:loa:3', ['sms', 'id_name', 'carrier_3f']);
  });

  it('passes straight through a later L3 request without asking again', async () => {
    await page.goto(`${portal()}/login?acr=urn:platform:loa:3`);
    await page.waitForSelector('#signed-in');
    expect(await page.textContent('#claim-acr')).toContain('urn:platform:loa:3');
  });

  it('takes a browser without a session that asks for L2 from the SMS code straight to the step-up', async () => {
    await browser.context.clearCookies();
    await page.goto(`${portal()}/login?acr=urn:platform:loa:2`);
    await page.fill('#phone', '13800000002');
    await page.click('#send-code');
    await page.fill('#code', await latestSmsCode(runtime.endpoints.identity, '13800000002'));
    const signIn = new URL(page.url()).pathname.split('/')[2];
    await page.click('#verify');
    await page.waitForSelector('#required-level');
    expect(new URL(page.url()).pathname).toBe(`/interaction/${signIn}`);
    expect(await page.textContent('#current-level')).toContain('一级');
    // Redirected after the code, not rendered in answer to the POST: a reload shows the same step-up.
    await page.reload();
    await page.waitForSelector('#required-level');

    await page.fill('#name', '李四');
    await page.fill('#citizen-id', '310104198506150234');
    await page.click('#verify-identity');
    await expectSignedInAt(page, 'urn:platform:loa:2', ['sms', 'id_name']);
  });
});
