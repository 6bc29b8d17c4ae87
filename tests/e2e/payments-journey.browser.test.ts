import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { verifyWebhookSignature } from '@platform/department-webhooks';
import { createDocumentClient } from '@platform/dynamodb';
import { createLogger } from '@platform/logging';
import { DynamoDbPaymentNoticeRepository } from '@platform/payment-notices';
import { localPersonalDataVault } from '@platform/personal-data';
import { SANDBOX_PEOPLE } from '@platform/real-name';
import { type RefundService, refundHooksFromEnvironment, refundServiceFromEnvironment } from '@platform/refunds';
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FINANCE_OFFICERS } from '../../packages/local-runtime/src/finance-officers.ts';
import { launchBrowser, signInWithIdCheck } from '../support/browser.ts';
import { payThroughSandbox } from '../support/cashier.ts';
import { eventually } from '../support/eventually.ts';
import { type RuntimeProcess, startLocalRuntime } from '../support/local-runtime-process.ts';
import { departmentToken } from '../support/test-clients.ts';

/** A sandbox person (packages/real-name/README.md). */
const ZHANG = { name: '张三', citizenId: '110105199003070113', phone: '13800000001' };

interface Notice {
  readonly id: string;
  readonly code: string;
  readonly amountFen: number;
}

interface Received {
  readonly headers: IncomingMessage['headers'];
  readonly body: string;
}

interface Verification {
  readonly valid: boolean;
  readonly status?: string;
  readonly reasons: string[];
  readonly receipt?: { readonly receiptNumber: string; readonly amountFen: number };
}

/**
 * Issue #5's "Done when", in Chromium against `npm start`: a department (client credentials) registers a webhook
 * endpoint (a loopback server of this test) and issues a notice to a sandbox person's ID number; the person signs in
 * at `/my` through the identity provider, sees the notice and pays it through the Alipay simulator (and, in the
 * second case, the WeChat Pay simulator); the department receives `notice.paid` signed as documented; the payer
 * opens the receipt — issued by the payment flow itself — from `/my` and downloads its PDF; the receipt verifies,
 * through the API and offline against the published JWKS. Then a full refund, requested by the department and
 * approved by two finance officers, voids the receipt and the department receives `refund.succeeded`.
 */
describe('the payments journey (Chromium, issue #5)', () => {
  let runtime: RuntimeProcess;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let page: Page;
  let payments: string;
  let token: string;
  let webhookSecret: string;
  let endpointServer: Server;
  let endpointUrl: string;
  const received: Received[] = [];

  beforeAll(async () => {
    endpointServer = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8') });
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => endpointServer.listen(0, '127.0.0.1', resolve));
    endpointUrl = `http://127.0.0.1:${(endpointServer.address() as AddressInfo).port}/hooks/payments`;

    runtime = await startLocalRuntime();
    payments = runtime.endpoints.payments;
    token = await departmentToken(
      runtime.endpoints,
      'bj-public-security',
      'payments:notices:read payments:notices:write payments:webhooks payments:refunds:write',
    );
    const registered = await api('POST', '/v1/webhook-endpoints', {
      url: endpointUrl,
      eventTypes: ['notice.paid', 'refund.succeeded'],
      description: 'case system',
    });
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    webhookSecret = registered.body.secret as string;
    browser = await launchBrowser();
    page = await browser.context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await runtime?.stop();
    endpointServer?.closeAllConnections();
    await new Promise((resolve) => endpointServer?.close(resolve));
  });

  /** The payments API as the department's system calls it. */
  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${payments}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(method === 'POST' ? { 'content-type': 'application/json', 'idempotency-key': randomUUID() } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  };

  const issue = async (amountFen: number): Promise<Notice> => {
    const { status, body } = await api('POST', '/v1/notices', {
      itemCode: '103050101',
      amountFen,
      dueDate: '2099-12-31',
      description: '道路交通安全违法罚款',
      payer: { kind: 'natural-person', idNumber: ZHANG.citizenId, name: ZHANG.name },
    });
    expect(status, JSON.stringify(body)).toBe(201);
    return { id: body.id as string, code: (body.paymentCode as string).replaceAll(' ', ''), amountFen };
  };

  /** `/my`, signed in through the provider's pages (phone + SMS code, ID number + name, consent) if not yet. */
  const signedIn = async () => {
    await page.goto(`${payments}/my`);
    if ((await page.locator('#sign-in').count()) === 0) return;
    await signInWithIdCheck(page, runtime.endpoints.identity, ZHANG);
    await page.waitForURL(`${payments}/my`);
  };

  const statusOnMy = async (notice: Notice) => {
    await page.goto(`${payments}/my`);
    return page.getAttribute(`[data-notice-id="${notice.id}"]`, 'data-status');
  };

  /** The department's delivery of `type` for the notice, checked with the documented verifier. */
  const verifiedWebhook = async (type: string, noticeId: string) => {
    const delivery = await eventually(
      async () =>
        received.find(
          (request) =>
            request.headers['platform-event-type'] === type &&
            (JSON.parse(request.body) as { noticeId?: string }).noticeId === noticeId,
        ),
      (found) => found !== undefined,
    );
    expect(delivery, `${type} for ${noticeId}`).toBeDefined();
    const { headers, body } = delivery as Received;
    const check = verifyWebhookSignature(headers['platform-signature'] as string, body, [webhookSecret]);
    expect(check).toMatchObject({ valid: true });
    // A forged body does not pass the same check.
    expect(verifyWebhookSignature(headers['platform-signature'] as string, `${body} `, [webhookSecret]).valid).toBe(
      false,
    );
    return JSON.parse(body) as { id: string; type: string; noticeId: string; data: Record<string, unknown> };
  };

  const verifyOverApi = async (question: Record<string, string>): Promise<Verification> => {
    const response = await fetch(`${payments}/v1/receipts/verifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(question),
    });
    expect(response.status).toBe(200);
    return (await response.json()) as Verification;
  };

  /**
   * From `/my`: the notice's receipt link opens the receipt page (number + printed code), which shows the signed
   * receipt; its PDF downloads. Returns what a third party needs to verify it.
   */
  const receiptFromMy = async (notice: Notice) => {
    await page.goto(`${payments}/my`);
    await page.click(`[data-notice-id="${notice.id}"] a.receipt`);
    await page.waitForURL((url) => url.pathname.startsWith('/receipts/'));
    expect(await page.locator('.valid').count()).toBe(1);
    const url = new URL(page.url());
    const receiptNumber = url.pathname.split('/')[2] as string;
    const verificationCode = url.searchParams.get('code') as string;
    const signedReceipt = ((await page.textContent('pre')) ?? '').trim();
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('a[href*="/pdf?code="]')]);
    expect(download.suggestedFilename()).toBe(`receipt-${receiptNumber}.pdf`);
    const pdf = readFileSync(await download.path());
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    return { receiptNumber, verificationCode, signedReceipt };
  };

  /** Both verifications a third party can make: the API (signature + record), and offline with the JWKS. */
  const expectVerifiable = async (
    notice: Notice,
    receipt: { receiptNumber: string; verificationCode: string; signedReceipt: string },
  ) => {
    const byCode = await verifyOverApi({
      receiptNumber: receipt.receiptNumber,
      verificationCode: receipt.verificationCode,
    });
    expect(byCode).toMatchObject({ valid: true, status: 'issued', reasons: [] });
    expect(byCode.receipt).toMatchObject({ receiptNumber: receipt.receiptNumber, amountFen: notice.amountFen });
    expect(await verifyOverApi({ signedReceipt: receipt.signedReceipt })).toMatchObject({ valid: true });

    const jwks = (await (await fetch(`${payments}/v1/receipts/keys`)).json()) as JSONWebKeySet;
    const { payload, protectedHeader } = await compactVerify(receipt.signedReceipt, createLocalJWKSet(jwks), {
      algorithms: ['ES256'],
    });
    expect(protectedHeader.typ).toBe('fiscal-receipt+jws');
    const document = JSON.parse(new TextDecoder().decode(payload)) as Record<string, unknown>;
    expect(document).toMatchObject({
      receiptNumber: receipt.receiptNumber,
      noticeId: notice.id,
      amountFen: notice.amountFen,
      departmentId: 'bj-public-security',
    });
    expect(JSON.stringify(document)).not.toContain(ZHANG.citizenId);
  };

  it('Alipay: issued by the department, seen at /my, paid, notice.paid delivered signed, receipt verifies', async () => {
    const notice = await issue(12_345);
    await signedIn();
    expect(await page.getAttribute(`[data-notice-id="${notice.id}"]`, 'data-status')).toBe('issued');
    expect(await page.content()).not.toContain(ZHANG.citizenId);

    await page.click(`#pay-${notice.code}`);
    await page.waitForURL(new RegExp(`/pay/${notice.code}`));
    await page.click(`form[action="/pay/${notice.code}/alipay"] button`);
    await page.waitForURL((url) => url.href.startsWith(runtime.endpoints.channels.alipay));
    expect(await page.content()).toContain('¥123.45');
    await page.click('button[type="submit"]');
    await page.waitForURL((url) => url.href.startsWith(`${payments}/pay/${notice.code}/return`));
    expect(
      await eventually(
        () => statusOnMy(notice),
        (status) => status === 'paid',
      ),
    ).toBe('paid');

    const event = await verifiedWebhook('notice.paid', notice.id);
    expect(event).toMatchObject({ type: 'notice.paid', noticeId: notice.id, data: { channel: 'alipay' } });
    expect(event.data.amountFen).toBe(notice.amountFen);

    await expectVerifiable(notice, await receiptFromMy(notice));
  });

  it('WeChat Pay: paid on the simulator’s pay page (the QR link), then a receipt that verifies', async () => {
    const notice = await issue(8_800);
    await signedIn();
    await page.click(`#pay-${notice.code}`);
    await page.click(`form[action="/pay/${notice.code}/wechat-pay"] button`);
    await page.waitForSelector('svg#pay-qr');
    const link = (await page.getAttribute('#pay-link', 'href')) as string;
    expect(link.startsWith(`${runtime.endpoints.channels['wechat-pay']}/native/pay/`)).toBe(true);
    await page.goto(link);
    expect(await page.content()).toContain('¥88.00');
    await page.click('button[type="submit"]');
    expect(
      await eventually(
        () => statusOnMy(notice),
        (status) => status === 'paid',
      ),
    ).toBe('paid');

    const event = await verifiedWebhook('notice.paid', notice.id);
    expect(event.data).toMatchObject({ channel: 'wechat-pay', amountFen: notice.amountFen });
    await expectVerifiable(notice, await receiptFromMy(notice));
  });

  describe('a full refund', () => {
    let refunds: RefundService;
    let officers: [{ officerIndex: string }, { officerIndex: string }];

    beforeAll(async () => {
      // The refund service as the finance console holds it (the console's pages are not part of this test): over
      // the runtime's table, vault, channels and queue, with the platform's hooks (credit the receipt, publish).
      const queues = runtime.endpoints.queues;
      const env: NodeJS.ProcessEnv = {
        DYNAMODB_ENDPOINT: runtime.endpoints.dynamodb,
        AWS_REGION: 'local',
        PAYMENTS_TABLE: runtime.endpoints.tables.PAYMENTS_TABLE,
        PLATFORM_LOCAL: 'true',
        LOCAL_STATE_DIR: runtime.stateDir,
        SANDBOX_CHANNEL_URL: runtime.endpoints.channels.sandbox,
        SANDBOX_CHANNEL_CREDENTIALS_FILE: join(runtime.stateDir, 'channels', 'sandbox.json'),
        ...(queues
          ? { SQS_ENDPOINT: queues.endpoint, DEPARTMENT_EVENTS_QUEUE_URL: queues.urls['department-events'] }
          : {}),
      };
      const documents = createDocumentClient(env);
      const tableName = runtime.endpoints.tables.PAYMENTS_TABLE as string;
      const vault = await localPersonalDataVault(runtime.stateDir);
      const notices = new DynamoDbPaymentNoticeRepository({
        documents,
        tableName,
        seal: (kind, value) => vault.seal(kind, value),
        payerIndex: (kind, value) => vault.blindIndex(kind, value),
      });
      refunds = refundServiceFromEnvironment({
        env,
        documents,
        tableName,
        notices,
        officerIndex: (idNumber) => vault.blindIndex('citizen-id', idNumber),
        logger: createLogger({ write: () => {} }),
        hooks: refundHooksFromEnvironment(env, notices, documents),
      });
      officers = DEMO_FINANCE_OFFICERS.map((name) => {
        const person = SANDBOX_PEOPLE.find((candidate) => candidate.name === name);
        return { officerIndex: vault.blindIndex('citizen-id', person?.citizenId as string) };
      }) as typeof officers;
    });

    it('requested by the department, approved by two officers: the receipt is voided, refund.succeeded arrives', async () => {
      // Paid through the sandbox by fetch: this case stands on its own, whatever the browser cases did.
      const notice = await issue(20_000);
      await payThroughSandbox(payments, notice.code);
      const paid = await eventually(
        async () => (await api('GET', `/v1/notices/${notice.id}`)).body.status,
        (status) => status === 'paid',
      );
      expect(paid).toBe('paid');
      // The payment flow issued the receipt (the sweeper would have, had the notification been lost).
      await signedIn();
      const receipt = await receiptFromMy(notice);
      const byCode = { receiptNumber: receipt.receiptNumber, verificationCode: receipt.verificationCode };
      expect(await verifyOverApi(byCode)).toMatchObject({ valid: true, status: 'issued' });

      const requested = await api('POST', `/v1/notices/${notice.id}/refunds`, {
        amountFen: 20_000,
        reason: '撤销处罚',
      });
      expect(requested.status, JSON.stringify(requested.body)).toBe(201);
      const refundId = requested.body.id as string;
      await refunds.approveRefund(refundId, officers[0]);
      expect(await refunds.approveRefund(refundId, officers[1])).toMatchObject({
        state: 'succeeded',
        hooksPending: false,
      });

      // Still authentic, no longer evidence of a payment: by code, and by the signed receipt the payer holds.
      expect(await verifyOverApi(byCode)).toMatchObject({ valid: true, status: 'voided' });
      expect(await verifyOverApi({ signedReceipt: receipt.signedReceipt })).toMatchObject({ status: 'voided' });
      const event = await verifiedWebhook('refund.succeeded', notice.id);
      expect(event).toMatchObject({
        id: `${refundId}:succeeded`,
        type: 'refund.succeeded',
        data: { refundId, amountFen: 20_000, channel: 'sandbox' },
      });
      expect(JSON.stringify(event)).not.toContain('撤销处罚');
    });
  });
});
