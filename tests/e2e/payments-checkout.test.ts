import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createDocumentClient, type DocumentClient, GetCommand, QueryCommand, ScanCommand } from '@platform/dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../support/eventually.ts';
import { type RuntimeProcess, startLocalRuntime } from '../support/local-runtime-process.ts';
import { departmentToken } from '../support/test-clients.ts';

/**
 * Paying a notice by its payment code, as `npm start` runs it: a department issues the notice through the payments
 * API, the payer opens the cashier (no sign-in), picks a channel and pays on the channel's own page (the local Alipay
 * and WeChat Pay simulators, the sandbox channel), and the channel's signed asynchronous notification marks the notice
 * paid. Browsers are played by fetch with manual redirects.
 */
describe('payments checkout (payer by payment code, channels at npm start)', () => {
  let runtime: RuntimeProcess;
  let payments: string;
  let token: string;
  let documents: DocumentClient;
  let table: string;

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    payments = runtime.endpoints.payments;
    token = await departmentToken(
      runtime.endpoints,
      'bj-public-security',
      'payments:notices:read payments:notices:write',
    );
    documents = createDocumentClient({ DYNAMODB_ENDPOINT: runtime.endpoints.dynamodb });
    table = runtime.endpoints.tables.PAYMENTS_TABLE as string;
  });
  afterAll(async () => {
    documents?.destroy();
    await runtime?.stop();
  });

  interface Notice {
    id: string;
    paymentCode: string;
    status: string;
    amountFen: number;
  }

  const api = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${payments}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json', 'idempotency-key': randomUUID() }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, string> & Notice };
  };

  const issue = async (amountFen: number): Promise<Notice & { code: string }> => {
    const { status, body } = await api('POST', '/v1/notices', {
      itemCode: '103050101',
      amountFen,
      dueDate: '2099-12-31',
      description: '道路交通安全违法罚款',
      payer: { kind: 'natural-person', idNumber: '11010519491231002X', name: '张三' },
    });
    expect(status).toBe(201);
    return { ...body, code: body.paymentCode.replaceAll(' ', '') };
  };

  const noticeStatus = async (id: string): Promise<string> => (await api('GET', `/v1/notices/${id}`)).body.status;

  const ledger = async (noticeId: string) =>
    (
      await documents.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :events)',
          ExpressionAttributeValues: { ':pk': `NOTICE#${noticeId}`, ':events': 'EVENT#' },
          ConsistentRead: true,
        }),
      )
    ).Items ?? [];

  const flagOf = async (eventId: string) =>
    (
      await documents.send(
        new GetCommand({ TableName: table, Key: { pk: `FLAGGED_PAYMENT#${eventId}`, sk: 'FLAGGED_PAYMENT' } }),
      )
    ).Item;

  /** Flagged payments whose `field` is `value` (the test table is small: a scan will do). */
  const flagsWhere = async (field: 'orderNumber' | 'noticeId', value: string) =>
    (
      await documents.send(
        new ScanCommand({
          TableName: table,
          FilterExpression: '#entity = :flagged AND #field = :value',
          ExpressionAttributeNames: { '#entity': 'entity', '#field': field },
          ExpressionAttributeValues: { ':flagged': 'flagged-payment', ':value': value },
          ConsistentRead: true,
        }),
      )
    ).Items ?? [];

  const get = (url: string) => fetch(url, { redirect: 'manual' });
  const post = (url: string, form: Record<string, string> = {}) =>
    fetch(url, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });

  /** Chooses a channel on the cashier page, as its button does. */
  const choose = (notice: { code: string }, channel: string) => post(`${payments}/pay/${notice.code}/${channel}`);

  const formOf = (page: string) => {
    const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
    const fields = Object.fromEntries(
      [...page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map((m) => [m[1], m[2]]),
    );
    return { action: action?.replaceAll('&amp;', '&'), fields };
  };

  /** The sandbox pay page pays and sends the browser back to the return URL. */
  const payInSandbox = async (notice: { code: string }) => {
    const started = await choose(notice, 'sandbox');
    expect(started.status).toBe(303);
    const payPage = started.headers.get('location') as string;
    expect(payPage.startsWith(`${runtime.endpoints.channels.sandbox}/sandbox/pay/`)).toBe(true);
    const paid = await get(payPage);
    expect(paid.status).toBe(303);
    return { orderNumber: payPage.split('/').pop() as string, returnTo: paid.headers.get('location') as string };
  };

  const sandboxSecret = () =>
    (JSON.parse(readFileSync(join(runtime.stateDir, 'channels', 'sandbox.json'), 'utf8')) as { secret: string }).secret;

  const sandboxNotification = (body: string, secret: string) => {
    const t = String(Math.floor(Date.now() / 1000));
    const v1 = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    return fetch(`${payments}/v1/channels/sandbox/notifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'sandbox-signature': `t=${t},v1=${v1}` },
      body,
    });
  };

  it('starts the channels with npm start: endpoints, credential files (0600) for the functions', async () => {
    for (const channel of ['sandbox', 'alipay', 'wechat-pay'] as const) {
      expect(runtime.endpoints.channels[channel]).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const file = join(runtime.stateDir, 'channels', `${channel}.json`);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }
    expect(runtime.output()).toContain(runtime.endpoints.channels.alipay);
  });

  it('shows the cashier: masked payer, item, amount in yuan, due date, one button per channel; 404 otherwise', async () => {
    const notice = await issue(20_000);
    const response = await get(`${payments}/pay/${notice.code}`);
    expect(response.status).toBe(200);
    // The page's own policy (no script, its pinned style), not the API's `sandbox`, which would stop the buttons.
    expect(response.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-/);
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    const page = await response.text();
    expect(page).toContain('¥200.00');
    expect(page).toContain('张*');
    expect(page).toContain('110***********002X');
    expect(page).not.toContain('11010519491231002X');
    expect(page).toContain('2099-12-31');
    for (const channel of ['sandbox', 'alipay', 'wechat-pay']) {
      expect(page).toContain(`action="/pay/${notice.code}/${channel}"`);
    }

    const wrongDigit = `${notice.code.slice(0, 19)}${(Number(notice.code[19]) + 1) % 10}`;
    for (const code of [wrongDigit, 'not-a-code', '11000000000000000000']) {
      const missing = await get(`${payments}/pay/${code}`);
      expect(missing.status).toBe(404);
      expect(await missing.text()).toContain('Notice not found');
    }
    expect((await choose({ code: wrongDigit }, 'alipay')).status).toBe(404);
    expect((await choose(notice, 'unionpay')).status).toBe(404);
  });

  it('pays with Alipay: cashier → simulator cashier → pay → signed notification → notice paid', async () => {
    const notice = await issue(12_345);
    const started = await choose(notice, 'alipay');
    expect(started.status).toBe(303);
    const gateway = started.headers.get('location') as string;
    expect(gateway.startsWith(`${runtime.endpoints.channels.alipay}/gateway.do?`)).toBe(true);
    // Choosing again (a double click, a retry) reaches the same order.
    const again = await choose(notice, 'alipay');
    expect(new URL(again.headers.get('location') as string).searchParams.get('biz_content')).toBe(
      new URL(gateway).searchParams.get('biz_content'),
    );

    const toCashier = await get(gateway);
    expect(toCashier.status).toBe(302);
    const cashierUrl = toCashier.headers.get('location') as string;
    const cashier = await (await get(cashierUrl)).text();
    expect(cashier).toContain('¥123.45');
    const { action } = formOf(cashier);
    const paid = await post(new URL(action as string, cashierUrl).href);
    expect(paid.status).toBe(303);
    const returnTo = paid.headers.get('location') as string;
    expect(returnTo.startsWith(`${payments}/pay/${notice.code}/return?`)).toBe(true);

    expect(
      await eventually(
        () => noticeStatus(notice.id),
        (status) => status === 'paid',
      ),
    ).toBe('paid');
    const landed = await get(returnTo);
    expect(landed.status).toBe(200);
    expect(await landed.text()).toContain('data-status="paid"');
    const cashierAfter = await (await get(`${payments}/pay/${notice.code}`)).text();
    expect(cashierAfter).toContain('data-status="paid"');
    expect(cashierAfter).not.toContain('<form');
    const { body } = await api('GET', `/v1/notices/${notice.id}`);
    expect(body.status).toBe('paid');
  });

  it('pays with WeChat Pay (Native): the code link → simulator pay page → pay → notification → notice paid', async () => {
    const notice = await issue(8_800);
    const started = await choose(notice, 'wechat-pay');
    expect(started.status).toBe(200);
    const qrPage = await started.text();
    const link = /<a id="pay-link" href="([^"]+)"/.exec(qrPage)?.[1] as string;
    expect(link.startsWith(`${runtime.endpoints.channels['wechat-pay']}/native/pay/`)).toBe(true);

    const payPage = await (await get(link)).text();
    expect(payPage).toContain('¥88.00');
    const form = formOf(payPage);
    const paid = await post(new URL(form.action as string, link).href, form.fields);
    expect(paid.status).toBeLessThan(400);

    expect(
      await eventually(
        () => noticeStatus(notice.id),
        (status) => status === 'paid',
      ),
    ).toBe('paid');
    expect(await (await get(`${payments}/pay/${notice.code}/return`)).text()).toContain('data-status="paid"');
  });

  it('pays once through the sandbox when the notification comes twice (amount …03)', async () => {
    const notice = await issue(10_003);
    const { returnTo } = await payInSandbox(notice);
    expect(returnTo.startsWith(`${payments}/pay/${notice.code}/return`)).toBe(true);
    expect(
      await eventually(
        () => noticeStatus(notice.id),
        (status) => status === 'paid',
      ),
    ).toBe('paid');
    // Give the duplicate time to arrive, then: one payment in the ledger, nothing flagged.
    await new Promise((wait) => setTimeout(wait, 1_500));
    const events = await ledger(notice.id);
    expect(events.map((event) => event.type)).toEqual(['notice.issued', 'notice.paid']);
    expect(await flagsWhere('noticeId', notice.id)).toEqual([]);
  });

  it('shows "confirming" while the notification is on its way (amount …04: never sent)', async () => {
    const notice = await issue(10_004);
    const { returnTo } = await payInSandbox(notice);
    const landed = await get(returnTo);
    expect(landed.status).toBe(200);
    const page = await landed.text();
    expect(page).toContain('data-status="pending"');
    expect(page).toContain(`href="/pay/${notice.code}/return"`);
    expect(await noticeStatus(notice.id)).toBe('issued');
  });

  it('rejects a forged notification with the channel’s failure answer, and nothing changes', async () => {
    // The sandbox signs …06 notifications with a wrong secret.
    const forgedBySandbox = await issue(10_006);
    await payInSandbox(forgedBySandbox);
    await new Promise((wait) => setTimeout(wait, 1_000));
    expect(await noticeStatus(forgedBySandbox.id)).toBe('issued');

    const notice = await issue(30_000);
    const started = await choose(notice, 'sandbox');
    const orderNumber = (started.headers.get('location') as string).split('/').pop() as string;
    const body = JSON.stringify({
      id: `sandbox:FORGED:paid`,
      type: 'payment.succeeded',
      createdAt: new Date().toISOString(),
      data: { orderNumber, transactionId: 'FORGED', amountFen: 30_000, paidAt: new Date().toISOString() },
    });
    const sandbox = await sandboxNotification(body, 'not-the-secret');
    expect(sandbox.status).toBe(400);
    expect(await sandbox.json()).toEqual({ received: false });

    const alipay = await fetch(`${payments}/v1/channels/alipay/notifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        notify_id: 'forged',
        trade_status: 'TRADE_SUCCESS',
        out_trade_no: orderNumber,
        trade_no: '2099000000000000',
        total_amount: '300.00',
        app_id: '2021000000000001',
        sign_type: 'RSA2',
        sign: 'Zm9yZ2Vk',
      }).toString(),
    });
    expect(alipay.status).toBe(400);
    expect(await alipay.text()).toBe('fail');

    const wechat = await fetch(`${payments}/v1/channels/wechat-pay/notifications`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ id: 'forged', event_type: 'TRANSACTION.SUCCESS', resource: {} }),
    });
    expect(wechat.status).toBe(401);

    expect(await noticeStatus(notice.id)).toBe('issued');
    expect(await flagOf('sandbox:FORGED:paid')).toBeUndefined();
    expect((await ledger(notice.id)).map((event) => event.type)).toEqual(['notice.issued']);
  });

  it('flags a verified payment for an unknown order or a cancelled notice for refund, and still acknowledges', async () => {
    const secret = sandboxSecret();
    const unknown = JSON.stringify({
      id: 'sandbox:TXUNKNOWN:paid',
      type: 'payment.succeeded',
      createdAt: new Date().toISOString(),
      data: {
        orderNumber: 'SBNOSUCHORDER',
        transactionId: 'TXUNKNOWN',
        amountFen: 500,
        paidAt: new Date().toISOString(),
      },
    });
    for (let delivery = 0; delivery < 2; delivery += 1) {
      const answer = await sandboxNotification(unknown, secret);
      expect(answer.status).toBe(200);
      expect(await answer.json()).toEqual({ received: true });
    }
    expect(await flagOf('sandbox:TXUNKNOWN:paid')).toMatchObject({
      reason: 'unknown_order',
      orderNumber: 'SBNOSUCHORDER',
      amountFen: 500,
    });

    // The payer starts paying, the department cancels the notice, then the payer pays on the channel's page.
    const notice = await issue(15_000);
    const started = await choose(notice, 'sandbox');
    const cancelled = await api('POST', `/v1/notices/${notice.id}/cancel`, { reason: '开具错误' });
    expect(cancelled.status).toBe(200);
    const paid = await get(started.headers.get('location') as string);
    expect(paid.status).toBe(303);
    const orderNumber = (started.headers.get('location') as string).split('/').pop() as string;
    const flagged = await eventually(
      () => flagsWhere('orderNumber', orderNumber),
      (flags) => flags.length > 0,
    );
    expect(flagged).toEqual([
      expect.objectContaining({ reason: 'notice_not_payable', noticeId: notice.id, amountFen: 15_000 }),
    ]);
    expect(await noticeStatus(notice.id)).toBe('cancelled');
    const cashier = await get(`${payments}/pay/${notice.code}`);
    expect(cashier.status).toBe(409);
  });

  it('flags a second payment of an already-paid notice (two channels started, both paid)', async () => {
    const notice = await issue(7_700);
    const alipayStarted = await choose(notice, 'alipay');
    const toCashier = await get(alipayStarted.headers.get('location') as string);
    const cashierUrl = toCashier.headers.get('location') as string;
    const cashier = await (await get(cashierUrl)).text();

    await payInSandbox(notice);
    expect(
      await eventually(
        () => noticeStatus(notice.id),
        (status) => status === 'paid',
      ),
    ).toBe('paid');

    const second = await post(new URL(formOf(cashier).action as string, cashierUrl).href);
    expect(second.status).toBe(303);
    const flagged = await eventually(
      () => flagsWhere('noticeId', notice.id),
      (flags) => flags.length > 0,
    );
    expect(flagged).toEqual([
      expect.objectContaining({ reason: 'notice_already_paid', channel: 'alipay', amountFen: 7_700 }),
    ]);
    expect((await ledger(notice.id)).map((event) => event.type)).toEqual(['notice.issued', 'notice.paid']);
  });
});
