import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../support/browser.ts';
import { type RuntimeProcess, startLocalRuntime } from '../support/local-runtime-process.ts';
import { latestSmsCode } from '../support/user-agent.ts';

/**
 * "Authenticate once, pass everywhere", in a real browser against `npm start`: sign in at one portal, be signed in
 * at the other without any input, sign out at one and be signed out at both.
 */
describe('single sign-on and single logout across portals (Chromium)', () => {
  let runtime: RuntimeProcess;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    browser = await launchBrowser();
    context = browser.context;
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  const socialSecurity = () => runtime.endpoints.portals['social-security'];
  const housingFund = () => runtime.endpoints.portals['housing-fund'];

  it('signs in at the Social Security portal with a phone number and an SMS code', async () => {
    await page.goto(socialSecurity());
    await page.click('#sign-in');
    await page.waitForSelector('#phone');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    await page.fill('#phone', '138 0013 8000');
    await page.click('#send-code');
    await page.waitForSelector('#code');
    expect(await page.textContent('#masked-phone')).toBe('138****8000');
    await page.fill('#code', await latestSmsCode(runtime.endpoints.identity, '13800138000'));
    await page.click('#verify');
    await page.waitForSelector('#signed-in');
    expect(page.url().startsWith(socialSecurity())).toBe(true);
    expect(await page.textContent('#claim-acr')).toContain('urn:platform:loa:1');
  });

  it('is signed in at the Housing Fund portal with no input and the same subject', async () => {
    const subAtSocialSecurity = (await page.textContent('#sub'))?.trim();
    await page.goto(housingFund());
    await page.click('#sign-in');
    await page.waitForSelector('#signed-in');
    expect(page.url().startsWith(housingFund())).toBe(true);
    expect((await page.textContent('#sub'))?.trim()).toBe(subAtSocialSecurity);
  });

  it('signs out at Housing Fund and is then signed out at Social Security too (back-channel logout)', async () => {
    await page.click('#sign-out');
    await page.waitForSelector('#confirm-logout');
    await page.click('#confirm-logout');
    await page.waitForSelector('#signed-out');
    expect(page.url().startsWith(housingFund())).toBe(true);

    await page.goto(socialSecurity());
    await page.waitForSelector('#signed-out');
    expect(await page.locator('#signed-in').count()).toBe(0);
  });

  it('shows the sign-in page in English when the portal asks for it', async () => {
    await page.goto(`${socialSecurity()}/?lang=en`);
    await page.click('#sign-in');
    await page.waitForSelector('#phone');
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.textContent('h1')).toBe('Sign in');
    expect(await page.textContent('main')).toContain('Social Security');
  });
});
