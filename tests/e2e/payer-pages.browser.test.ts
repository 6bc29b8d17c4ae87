import { createPrivateKey, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { signWithPrivateKey } from '@platform/enterprise-certificates';
import * as oidc from 'openid-client';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signInWithIdCheck } from '../support/browser.ts';
import { type RuntimeProcess, startLocalRuntime } from '../support/local-runtime-process.ts';
import { discover, registerTestDepartment } from '../support/test-clients.ts';

/** Sandbox people (packages/real-name/README.md). */
const ZHANG = { name: '张三', citizenId: '110105199003070113', phone: '13800000001' };
const LI = { name: '李四', citizenId: '310104198506150234', phone: '13800000002' };
type Person = typeof ZHANG;

/** The local runtime's demo company with an RSA certificate (`enterprise-ca/trust-anchors.json`). */
interface DemoCompany {
  readonly algorithm: string;
  readonly uscc: string;
  readonly companyName: string;
  readonly chainFile: string;
  readonly keyFile: string;
}

interface Notice {
  readonly id: string;
  readonly code: string;
}

/**
 * The signed-in payer pages (Chromium against `npm start`): a department issues notices to a sandbox person's ID
 * number; the person signs in at `/my` (phone + SMS code, the ID number + name step-up, consent to share the ID
 * number), sees the notice, pays it through the Alipay simulator — and another through the WeChat Pay simulator's
 * QR pay page — and sees them paid. Signed out, `/my` shows a sign-in button; nobody sees another person's notices.
 */
describe('payer pages (Chromium)', () => {
  let runtime: RuntimeProcess;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let payments: string;
  let token: string;
  const notices: Record<'alipay' | 'wechat' | 'li' | 'company', Notice> = {} as never;
  let company: DemoCompany;

  const issue = async (person: Person | { uscc: string; companyName: string }, amountFen: number): Promise<Notice> => {
    const response = await fetch(`${payments}/v1/notices`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({
        itemCode: '103050101',
        amountFen,
        dueDate: '2099-12-31',
        description: '道路交通安全违法罚款',
        payer:
          'uscc' in person
            ? { kind: 'legal-person', uscc: person.uscc, name: person.companyName }
            : { kind: 'natural-person', idNumber: person.citizenId, name: person.name },
      }),
    });
    const body = (await response.json()) as { id: string; paymentCode: string };
    expect(response.status, JSON.stringify(body)).toBe(201);
    return { id: body.id, code: body.paymentCode.replaceAll(' ', '') };
  };

  /** On a loaded machine a function's first (cold) load can outlast its timeout; it is warm once it answers. */
  const warmUp = async (url: string) => {
    const deadline = Date.now() + 90_000;
    while ((await fetch(url).then((r) => r.status)) === 503 && Date.now() < deadline) {
      await new Promise((wait) => setTimeout(wait, 1_000));
    }
  };

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    payments = runtime.endpoints.payments;
    await Promise.all([
      warmUp(`${runtime.endpoints.identity}/.well-known/openid-configuration`),
      warmUp(`${payments}/my`),
    ]);
    const department = await registerTestDepartment(runtime.endpoints, 'bj-public-security');
    const config = await discover(runtime.endpoints.identity, department.clientId, department.keys);
    token = (
      await oidc.clientCredentialsGrant(config, {
        scope: 'payments:notices:read payments:notices:write',
        resource: payments,
      })
    ).access_token;
    notices.alipay = await issue(ZHANG, 12_345);
    notices.wechat = await issue(ZHANG, 8_800);
    notices.li = await issue(LI, 50_000);
    const folder = join(runtime.stateDir, 'enterprise-ca');
    const manifest = JSON.parse(readFileSync(join(folder, 'trust-anchors.json'), 'utf8')) as {
      demoCompanies: DemoCompany[];
    };
    company = manifest.demoCompanies.find((demo) => demo.algorithm === 'RSA') as DemoCompany;
    notices.company = await issue(company, 99_900);
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  /** From `/my` through the provider's pages: phone and SMS code, the ID number + name check, consent. */
  const signIn = async (person: Person) => {
    await page.goto(`${payments}/my`);
    await signInWithIdCheck(page, runtime.endpoints.identity, person);
    await page.waitForURL(`${payments}/my`);
  };

  const statusOnMy = async (notice: Notice) => {
    await page.goto(`${payments}/my`);
    return page.getAttribute(`[data-notice-id="${notice.id}"]`, 'data-status');
  };

  const eventuallyPaid = async (notice: Notice) => {
    const deadline = Date.now() + 15_000;
    while ((await statusOnMy(notice)) !== 'paid' && Date.now() < deadline) await page.waitForTimeout(300);
    return statusOnMy(notice);
  };

  it('shows a sign-in button, and no notice, when signed out', async () => {
    const response = await page.goto(`${payments}/my`);
    expect(response?.status()).toBe(200);
    expect(await page.locator('#sign-in').count()).toBe(1);
    expect(await page.locator('.payer-notice').count()).toBe(0);
  });

  it("signs in through the identity provider and lists the person's own notices, masked", async () => {
    await signIn(ZHANG);
    expect(await page.textContent('#payer')).toContain('110***********0113');
    const html = await page.content();
    expect(html).not.toContain(ZHANG.citizenId);
    for (const notice of [notices.alipay, notices.wechat]) {
      expect(await page.getAttribute(`[data-notice-id="${notice.id}"]`, 'data-status')).toBe('issued');
    }
    expect(html).toContain('¥123.45');
    // Newest first.
    const order = await page.locator('.payer-notice').evaluateAll((cards) => cards.map((c) => c.dataset.noticeId));
    expect(order).toEqual([notices.wechat.id, notices.alipay.id]);
    expect(html).not.toContain(notices.li.id);
  });

  it('pays a notice through the Alipay simulator from /my, and /my then shows it paid', async () => {
    await page.goto(`${payments}/my`);
    await page.click(`#pay-${notices.alipay.code}`);
    await page.waitForURL(new RegExp(`/pay/${notices.alipay.code}`));
    // The cashier offers the page itself as a QR code, to continue on a phone.
    expect(await page.locator('svg#page-qr').count()).toBe(1);
    await page.click(`form[action="/pay/${notices.alipay.code}/alipay"] button`);
    await page.waitForURL((url) => url.href.startsWith(runtime.endpoints.channels.alipay));
    expect(await page.content()).toContain('¥123.45');
    await page.click('button[type="submit"]');
    await page.waitForURL((url) => url.href.startsWith(`${payments}/pay/${notices.alipay.code}/return`));
    expect(await eventuallyPaid(notices.alipay)).toBe('paid');
    expect(await page.locator(`#pay-${notices.alipay.code}`).count()).toBe(0);
  });

  it('pays another through the WeChat Pay simulator: the code as a QR on the cashier, its pay page', async () => {
    await page.goto(`${payments}/my`);
    await page.click(`#pay-${notices.wechat.code}`);
    await page.click(`form[action="/pay/${notices.wechat.code}/wechat-pay"] button`);
    await page.waitForSelector('svg#pay-qr');
    const link = (await page.getAttribute('#pay-link', 'href')) as string;
    expect(link.startsWith(`${runtime.endpoints.channels['wechat-pay']}/native/pay/`)).toBe(true);
    // A phone scanning the QR code opens the same pay page.
    await page.goto(link);
    expect(await page.content()).toContain('¥88.00');
    await page.click('button[type="submit"]');
    expect(await eventuallyPaid(notices.wechat)).toBe('paid');
  });

  it('signs out at the provider too, and /my is signed out again', async () => {
    await page.goto(`${payments}/my`);
    await page.click('#sign-out');
    await page.click('#confirm-logout');
    await page.waitForURL(`${payments}/my`);
    expect(await page.locator('#sign-in').count()).toBe(1);
    expect(await page.locator('.payer-notice').count()).toBe(0);
  });

  it("shows another person only their own notices, never the first person's", async () => {
    await browser.context.clearCookies();
    await signIn(LI);
    expect(await page.getAttribute(`[data-notice-id="${notices.li.id}"]`, 'data-status')).toBe('issued');
    const html = await page.content();
    for (const notice of [notices.alipay, notices.wechat]) {
      expect(html).not.toContain(notice.id);
      expect(html).not.toContain(notice.code);
    }
  });

  it("signs a company in with its certificate and shows the notices issued to its USCC, nobody else's", async () => {
    await browser.context.clearCookies();
    const folder = join(runtime.stateDir, 'enterprise-ca');
    await page.goto(`${payments}/my`);
    await page.click('#sign-in');
    await page.click('#certificate-option');
    const challenge = ((await page.inputValue('#challenge-text')) ?? '').trim();
    const key = createPrivateKey(readFileSync(join(folder, company.keyFile), 'utf8'));
    const signed = signWithPrivateKey(key, new Uint8Array(Buffer.from(challenge, 'base64url')));
    await page.fill('#chain', readFileSync(join(folder, company.chainFile), 'utf8'));
    await page.fill('#signature', signed?.signature.toString('base64url') ?? '');
    await page.click('#certificate-sign-in');
    await page.click('#allow');
    await page.waitForURL(`${payments}/my`);
    expect(await page.textContent('#payer')).toContain(
      `${company.uscc.slice(0, 2)}************${company.uscc.slice(-4)}`,
    );
    expect(await page.getAttribute(`[data-notice-id="${notices.company.id}"]`, 'data-status')).toBe('issued');
    const html = await page.content();
    expect(html).not.toContain(company.uscc);
    for (const notice of [notices.alipay, notices.wechat, notices.li]) expect(html).not.toContain(notice.id);
  });

  it('refuses a forged sign-out and a callback without a sign-in in progress', async () => {
    const forged = await page.request.post(`${payments}/my/sign-out`, { form: { csrf: 'forged' }, maxRedirects: 0 });
    expect(forged.status()).toBe(403);
    const callback = await page.request.get(`${payments}/my/callback?code=x&state=y`, { maxRedirects: 0 });
    expect(callback.status()).toBe(403);
    expect(await callback.text()).toContain('data-failure="expired"');
  });
});
