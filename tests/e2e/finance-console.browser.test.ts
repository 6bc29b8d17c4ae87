import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alipayBillZip,
  type BookedPayment,
  sandboxCsv,
} from '../../packages/reconciliation/src/test-support/statement-files.ts';
import { launchBrowser, signInWithIdCheck } from '../support/browser.ts';
import { type RuntimeProcess, startLocalRuntime, untilWarm } from '../support/local-runtime-process.ts';
import { departmentToken } from '../support/test-clients.ts';

/** Sandbox people (packages/real-name/README.md): 孙丽 is a seeded finance officer, 张三 is not. */
const SUN_LI = { name: '孙丽', citizenId: '330106200102280485', phone: '13800000004' };
const OUYANG = { name: '欧阳娜娜', citizenId: '510107199509090629', phone: '13800000005' };
const ZHANG = { name: '张三', citizenId: '110105199003070113', phone: '13800000001' };
type Person = typeof SUN_LI;

const run = promisify(execFile);
const repositoryRoot = resolve(import.meta.dirname, '../..');

/** Today's business day (Asia/Shanghai): the payments below are made now. */
const today = (): string => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);

/**
 * The finance console against `npm start` in Chromium: payments made today through the sandbox and the Alipay
 * simulator are reconciled by `npm run reconcile` on statements in each channel's format uploaded by hand (a channel
 * publishes a day's statement only once the day is over); the sandbox's carries one line the platform never saw (an
 * overage). Officer 孙丽 signs in (phone + SMS, ID number + name step-up, consent), sees the day's
 * totals and the discrepancy, resolves it with a reason, and the audit trail shows it. 张三 gets 403.
 */
describe('finance console (Chromium)', () => {
  let runtime: RuntimeProcess;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let payments: string;
  let token: string;
  let alipayNoticeId: string;
  const day = today();
  const overageOrder = `FIN${randomUUID().replaceAll('-', '').slice(0, 20)}`;
  const paidFen = { sandbox: 20_000, alipay: 12_345 };
  const overageFen = 500;

  const post = (url: string, form: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });

  const issue = async (amountFen: number): Promise<{ id: string; code: string }> => {
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
        payer: { kind: 'natural-person', idNumber: ZHANG.citizenId, name: ZHANG.name },
      }),
    });
    const body = (await response.json()) as { id: string; paymentCode: string };
    expect(response.status, JSON.stringify(body)).toBe(201);
    return { id: body.id, code: body.paymentCode.replaceAll(' ', '') };
  };

  const eventuallyPaid = async (noticeId: string) => {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const response = await fetch(`${payments}/v1/notices/${noticeId}`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const status = ((await response.json()) as { status: string }).status;
      if (status === 'paid' || Date.now() > deadline) return status;
      await new Promise((wait) => setTimeout(wait, 250));
    }
  };

  const payInSandbox = async () => {
    const notice = await issue(paidFen.sandbox);
    const started = await post(`${payments}/pay/${notice.code}/sandbox`);
    expect(started.status).toBe(303);
    const paid = await fetch(started.headers.get('location') as string, { redirect: 'manual' });
    expect(paid.status).toBe(303);
    expect(await eventuallyPaid(notice.id)).toBe('paid');
    return notice.id;
  };

  const payWithAlipay = async () => {
    const notice = await issue(paidFen.alipay);
    const started = await post(`${payments}/pay/${notice.code}/alipay`);
    const toCashier = await fetch(started.headers.get('location') as string, { redirect: 'manual' });
    const cashierUrl = toCashier.headers.get('location') as string;
    const cashier = await (await fetch(cashierUrl)).text();
    const action = /<form method="post" action="([^"]+)"/.exec(cashier)?.[1]?.replaceAll('&amp;', '&') as string;
    expect((await post(new URL(action, cashierUrl).href)).status).toBe(303);
    expect(await eventuallyPaid(notice.id)).toBe('paid');
    return notice.id;
  };

  /** `npm run reconcile` beside the runtime: its state dir, nothing of this process's environment but PATH. */
  const reconcile = (args: readonly string[]) =>
    run(
      join(repositoryRoot, 'node_modules', '.bin', 'tsx'),
      ['packages/reconciliation/src/cli/reconcile-cli.ts', '--day', day, '--by', 'e2e', ...args],
      {
        cwd: repositoryRoot,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOCAL_STATE_DIR: runtime.stateDir },
      },
    );

  /** A notice's payment as the platform recorded it: the order number and time the channel's statement carries. */
  const bookedPayment = async (noticeId: string, amountFen: number): Promise<BookedPayment> => {
    const response = await fetch(`${payments}/v1/notices/${noticeId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const { payment } = (await response.json()) as { payment: { paymentId: string; paidAt: string } };
    return { orderNumber: payment.paymentId, amountFen, paidAt: Date.parse(payment.paidAt) };
  };

  /**
   * The channels publish a day's statement once the day is over, so today's are uploaded by hand (`--statement`), in
   * each channel's own format (its simulator's bill generator): the sandbox's with one line the platform never saw.
   */
  const uploadStatements = async (booked: { sandbox: BookedPayment; alipay: BookedPayment }) => {
    const scratch = mkdtempSync(join(tmpdir(), 'finance-statements-'));
    try {
      const sandboxFile = join(scratch, `sandbox-statement-${day}.csv`);
      writeFileSync(
        sandboxFile,
        sandboxCsv([booked.sandbox, { orderNumber: overageOrder, amountFen: overageFen, paidAt: Date.now() }]),
      );
      const alipayFile = join(scratch, `alipay-bill-${day}.zip`);
      writeFileSync(alipayFile, alipayBillZip([booked.alipay], day));
      await reconcile(['--channel', 'sandbox', '--statement', sandboxFile]);
      await reconcile(['--channel', 'alipay', '--statement', alipayFile]);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  };

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    payments = runtime.endpoints.payments;
    await (await untilWarm(() => fetch(`${payments}/finance`))).body?.cancel();
    token = await departmentToken(
      runtime.endpoints,
      'bj-public-security',
      'payments:notices:read payments:notices:write payments:refunds:write',
    );
    const sandboxNotice = await payInSandbox();
    const alipayNotice = await payWithAlipay();
    alipayNoticeId = alipayNotice;
    await uploadStatements({
      sandbox: await bookedPayment(sandboxNotice, paidFen.sandbox),
      alipay: await bookedPayment(alipayNotice, paidFen.alipay),
    });
    browser = await launchBrowser();
    page = await browser.context.newPage();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
  });

  /** From `/finance` through the provider's pages: phone and SMS code, the ID number + name check, consent. */
  const signIn = async (person: Person) => {
    await page.goto(`${payments}/finance`);
    await signInWithIdCheck(page, runtime.endpoints.identity, person);
  };

  it('shows a sign-in link, and nothing else, when signed out', async () => {
    const response = await page.goto(`${payments}/finance?day=${day}`);
    expect(response?.status()).toBe(200);
    expect(await page.locator('#sign-in').count()).toBe(1);
    expect(await page.locator('#collected').count()).toBe(0);
  });

  it("signs officer 孙丽 in and shows the day's totals, the runs and the overage", async () => {
    await signIn(SUN_LI);
    await page.waitForURL(`${payments}/finance`);
    expect(await page.textContent('#officer')).toBe('孙*');
    await page.goto(`${payments}/finance?day=${day}`);
    const collected = paidFen.sandbox + paidFen.alipay + overageFen;
    expect(await page.getAttribute('#collected', 'data-fen')).toBe(String(collected));
    expect(await page.locator('#runs tr[data-channel]').count()).toBe(2);
    const row = page.locator(`tr.discrepancy:has-text("${overageOrder}")`);
    expect(await row.getAttribute('data-class')).toBe('overage');
    expect(await row.getAttribute('data-status')).toBe('open');
    expect(await page.locator('tr.discrepancy').count()).toBe(1);
    expect(await page.locator('svg.chart').count()).toBeGreaterThanOrEqual(3);
    expect(await page.content()).not.toContain(SUN_LI.citizenId);
  });

  it('resolves the discrepancy with a reason, and the audit trail shows who and why', async () => {
    await page.goto(`${payments}/finance/discrepancies`);
    await page.click(`a:has-text("${overageOrder}")`);
    await page.click('#assign-to-me');
    expect(await page.getAttribute('#state', 'data-status')).toBe('assigned');
    await page.selectOption('#reason', 'channel_error_confirmed');
    await page.fill('#resolve-note', '渠道确认重复入账，已退回');
    await page.click('#resolve');
    expect(await page.getAttribute('#state', 'data-status')).toBe('resolved');
    const entries = page.locator('#audit tr.audit-entry');
    expect(await entries.count()).toBe(2);
    const resolved = entries.nth(1);
    expect(await resolved.getAttribute('data-action')).toBe('resolve');
    expect(await resolved.textContent()).toContain('孙*');
    expect(await resolved.textContent()).toContain('渠道确认重复入账，已退回');
    expect(await resolved.textContent()).toContain('channel error confirmed');
    // Resolved is final: the form is gone, and a replayed resolve is refused with 409.
    expect(await page.locator('#resolve').count()).toBe(0);
    const csrf = await page.inputValue('form[action$="/comment"] input[name="csrf"]');
    const again = await page.request.post(`${page.url().split('?')[0]}/resolve`, {
      form: { csrf, reason: 'other', note: 'x' },
      maxRedirects: 0,
    });
    expect(again.status()).toBe(409);
    await page.goto(`${payments}/finance/discrepancies?month=${day.slice(0, 7)}`);
    expect(await page.locator('tr.discrepancy').count()).toBe(0);
  });

  it('exports the day as CSV and refuses a forged form', async () => {
    const csv = await page.request.get(`${payments}/finance/reports?period=${day}&format=csv`);
    expect(csv.status()).toBe(200);
    expect(await csv.text()).toContain('328.45');
    const forged = await page.request.post(`${payments}/finance/discrepancies/x/comment`, {
      form: { csrf: 'forged', note: 'x' },
      maxRedirects: 0,
    });
    expect(forged.status()).toBe(403);
  });

  it('needs two different officers for a refund: 孙丽 approves once, 欧阳娜娜 second, and the money moves', async () => {
    const requested = await fetch(`${payments}/v1/notices/${alipayNoticeId}/refunds`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'idempotency-key': randomUUID(),
      },
      body: JSON.stringify({ amountFen: 2_345, reason: '多缴退费' }),
    });
    const refund = (await requested.json()) as { id: string };
    expect(requested.status, JSON.stringify(refund)).toBe(201);
    const row = () => page.locator(`tr.refund[data-refund-id="${refund.id}"]`);
    await page.goto(`${payments}/finance/refunds`);
    expect(await row().getAttribute('data-approvals')).toBe('0');
    await row().locator('button.approve').click();
    expect(await page.locator('#done').count()).toBe(1);
    expect(await row().getAttribute('data-approvals')).toBe('1');
    // The same officer is not offered a second approval.
    expect(await row().locator('button.approve').count()).toBe(0);
    expect(await row().locator('#approved-by-me').count()).toBe(1);

    await browser.context.clearCookies();
    await signIn(OUYANG);
    await page.waitForURL(`${payments}/finance`);
    await page.goto(`${payments}/finance/refunds`);
    expect(await row().textContent()).toContain('孙*');
    await row().locator('button.approve').click();
    expect(await page.locator('#done').count()).toBe(1);
    expect(await row().count()).toBe(0);
    const shown = await fetch(`${payments}/v1/refunds/${refund.id}`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await shown.json()) as { status: string }).status).toBe('succeeded');
  });

  it('turns away 张三, who is no finance officer, with 403', async () => {
    await browser.context.clearCookies();
    await signIn(ZHANG);
    await page.waitForURL((url) => url.pathname === '/finance/callback');
    expect(await page.locator('#not-an-officer').count()).toBe(1);
    const response = await page.goto(`${payments}/finance`);
    expect(response?.status()).toBe(200);
    expect(await page.locator('#sign-in').count()).toBe(1);
  });
});
