import { AlipaySdk } from 'alipay-sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PaymentMethod } from '../channel/capabilities.ts';
import { ChannelProtocolError, ChannelRejectedError, ChannelUnavailableError } from '../channel/channel-errors.ts';
import { bodyText } from '../channel/notification-input.ts';
import {
  type ChannelHarness,
  describePaymentChannelContract,
  newOrderNumber,
} from '../channel/payment-channel.contract.ts';
import type { CreatePaymentInput, PaymentChannel, PaymentInstruction } from '../channel/payment-channel.ts';
import { createFakeClock } from '../test-support/fake-clock.ts';
import { startNotificationInbox } from '../test-support/notification-inbox.ts';
import { collectBytes, readZip } from '../test-support/read-zip.ts';
import { type AlipayChannelOptions, createAlipayChannel } from './alipay-channel.ts';
import { type AlipaySimulator, startAlipaySimulator } from './simulator/alipay-simulator.ts';
import { signNotificationParams } from './simulator/rsa2.ts';
import { type AlipayKeys, generateAlipayKeys } from './simulator/simulator-keys.ts';

interface AlipayHarness extends ChannelHarness {
  readonly simulator: AlipaySimulator;
  make(overrides?: Partial<AlipayChannelOptions>): PaymentChannel;
}

const hiddenInputs = (html: string): URLSearchParams =>
  new URLSearchParams(
    [...html.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)].map(
      ([, name = '', value = '']): [string, string] => [name, value.replaceAll('&quot;', '"')],
    ),
  );

/** The payer's browser arriving at the cashier: answers the cashier URL, or undefined with the error page. */
const arrive = async (instruction: PaymentInstruction): Promise<{ cashier?: string; page?: string }> => {
  if (instruction.kind === 'qr') return { cashier: instruction.content };
  const response =
    instruction.kind === 'redirect'
      ? await fetch(instruction.url, { redirect: 'manual' })
      : await fetch(/action="([^"]+)"/.exec(instruction.html)?.[1] ?? '', {
          method: 'POST',
          body: hiddenInputs(instruction.html),
          redirect: 'manual',
        });
  const location = response.headers.get('location');
  return response.status === 302 && location ? { cashier: location } : { page: await response.text() };
};

let sharedKeys: Promise<AlipayKeys> | undefined;
const keys = () => {
  sharedKeys ??= generateAlipayKeys();
  return sharedKeys;
};

const makeAlipayHarness = async (): Promise<AlipayHarness> => {
  const clock = createFakeClock();
  const simulatorKeys = await keys();
  const simulator = await startAlipaySimulator({ keys: simulatorKeys, clock, notificationRetryDelaysMs: [] });
  const inbox = await startNotificationInbox();
  const make: AlipayHarness['make'] = (overrides = {}) =>
    createAlipayChannel({
      appId: simulator.appId,
      appPrivateKey: simulatorKeys.appPrivateKey,
      alipayPublicKey: simulatorKeys.alipayPublicKey,
      baseUrl: simulator.baseUrl,
      sellerId: simulator.sellerId,
      products: ['pagePay', 'qrPay'],
      timeoutMs: 2000,
      ...overrides,
    });
  const channel = make();
  inbox.answerWith(channel);
  const only = (products: PaymentMethod[]) => make({ products });
  return {
    channel,
    inbox,
    clock,
    simulator,
    make,
    open: async (instruction) => {
      await arrive(instruction);
    },
    pay: async (instruction) => {
      const { cashier } = await arrive(instruction);
      if (!cashier) return { paid: false };
      const page = await (await fetch(cashier)).text();
      const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
      if (!action) return { paid: false };
      const response = await fetch(new URL(action, cashier), { method: 'POST', redirect: 'manual' });
      const location = response.headers.get('location');
      if (response.status === 303 && location) return { paid: true, returnedTo: new URL(location) };
      return { paid: response.status === 200 };
    },
    redeliver: (orderNumber) => simulator.redeliverNotifications(orderNumber),
    forgeries: (genuine) => {
      const params = Object.fromEntries(new URLSearchParams(bodyText(genuine.body)));
      const { sign: _sign, sign_type: _signType, ...unsigned } = params;
      const form = (fields: Record<string, string>) => ({
        headers: genuine.headers,
        body: new URLSearchParams(fields).toString(),
      });
      return [
        { label: 'tampered amount', notification: form({ ...params, total_amount: '0.01' }) },
        {
          label: 'signed with the app key, not Alipay’s',
          notification: form(signNotificationParams(unsigned, simulatorKeys.appPrivateKey)),
        },
        { label: 'unsigned', notification: form(unsigned) },
        {
          label: 'genuinely signed, for another app',
          notification: form(
            signNotificationParams({ ...unsigned, app_id: '2021999999999999' }, simulatorKeys.alipayPrivateKey),
          ),
        },
        {
          label: 'genuinely signed, for another seller',
          notification: form(
            signNotificationParams({ ...unsigned, seller_id: '2088999999999999' }, simulatorKeys.alipayPrivateKey),
          ),
        },
      ];
    },
    without: (capability) => {
      if (capability === 'pagePay') return only(['qrPay']);
      if (capability === 'qrPay') return only(['pagePay']);
      return undefined;
    },
    statementOrderNumbers: async (statement) => {
      const gbk = new TextDecoder('gbk');
      const entries = readZip(await collectBytes(statement.body));
      const detail = entries.find((entry) => gbk.decode(entry.nameBytes).endsWith('_业务明细.csv'));
      if (!detail) throw new Error('no 业务明细 file');
      return new Set(
        gbk
          .decode(detail.data)
          .split('\r\n')
          .filter((line) => /^\d{28}\t,/.test(line))
          .map((line) => (line.split(',')[1] ?? '').trim()),
      );
    },
    close: async () => {
      await simulator.close();
      await inbox.close();
    },
  };
};

describePaymentChannelContract('alipay (simulator)', makeAlipayHarness);

describe('Alipay adapter against the simulator', () => {
  let harness: AlipayHarness;
  beforeAll(async () => {
    harness = await makeAlipayHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  const order = (overrides: Partial<CreatePaymentInput> = {}): CreatePaymentInput => ({
    orderNumber: newOrderNumber('ALI'),
    amountFen: 12_345,
    subject: '行政事业性收费',
    expiresAt: new Date(harness.clock.now() + 15 * 60_000).toISOString(),
    returnUrl: harness.inbox.returnUrl,
    notifyUrl: harness.inbox.notifyUrl,
    ...overrides,
  });

  it('signs a page-pay link carrying yuan and Beijing time, with notify and return URLs', async () => {
    const input = order({ expiresAt: '2030-01-01T00:00:00.000Z' });
    const instruction = await harness.channel.createPayment(input);
    if (instruction.kind !== 'redirect') throw new Error('expected a redirect');
    const url = new URL(instruction.url);
    expect(url.origin + url.pathname).toBe(harness.simulator.gatewayUrl);
    expect(url.searchParams.get('method')).toBe('alipay.trade.page.pay');
    expect(url.searchParams.get('sign_type')).toBe('RSA2');
    expect(url.searchParams.get('notify_url')).toBe(input.notifyUrl);
    expect(JSON.parse(url.searchParams.get('biz_content') ?? '')).toEqual({
      out_trade_no: input.orderNumber,
      total_amount: '123.45',
      subject: input.subject,
      time_expire: '2030-01-01 08:00:00',
      product_code: 'FAST_INSTANT_TRADE_PAY',
    });
  });

  it('returns the payer with synchronous parameters that verify with Alipay’s public key', async () => {
    const outcome = await harness.pay(await harness.channel.createPayment(order()));
    const returned = Object.fromEntries(outcome.returnedTo?.searchParams ?? []);
    expect(returned.method).toBe('alipay.trade.page.pay.return');
    const verifier = new AlipaySdk({
      appId: harness.simulator.appId,
      privateKey: harness.simulator.keys.appPrivateKey,
      alipayPublicKey: harness.simulator.keys.alipayPublicKey,
    });
    expect(verifier.checkNotifySignV2(returned)).toBe(true);
    expect(verifier.checkNotifySignV2({ ...returned, total_amount: '0.01' })).toBe(false);
  });

  it('can present page pay as an auto-submitting form that the gateway accepts', async () => {
    const input = order();
    const instruction = await harness.make({ pagePayAs: 'form' }).createPayment(input);
    expect(instruction.kind).toBe('form');
    expect((await harness.pay(instruction)).paid).toBe(true);
    expect(await harness.channel.queryPayment(input.orderNumber)).toMatchObject({ status: 'paid', amountFen: 12_345 });
  });

  it('shows ACQ.CONTEXT_INCONSISTENT at the cashier when the order number comes back with another amount', async () => {
    const input = order();
    await harness.open(await harness.channel.createPayment(input));
    const { page } = await arrive(await harness.channel.createPayment({ ...input, amountFen: 99 }));
    expect(page).toContain('ACQ.CONTEXT_INCONSISTENT');
  });

  it('answers the same QR code for a repeated precreate and refuses another amount or a paid order', async () => {
    const input = order({ method: 'qrPay' });
    const first = await harness.channel.createPayment(input);
    expect(await harness.channel.createPayment(input)).toEqual(first);
    await expect(harness.channel.createPayment({ ...input, amountFen: 1 })).rejects.toMatchObject({
      reason: 'order_conflict',
      channelCode: 'ACQ.CONTEXT_INCONSISTENT',
    });
    await harness.pay(first);
    await expect(harness.channel.createPayment(input)).rejects.toMatchObject({ reason: 'order_paid' });
  });

  it('closes an expired trade at its deadline and notifies TRADE_CLOSED as payment.closed', async () => {
    const input = order({ expiresAt: new Date(harness.clock.now() + 60_000).toISOString() });
    await harness.open(await harness.channel.createPayment(input));
    harness.clock.advance(2 * 60_000);
    expect(await harness.channel.queryPayment(input.orderNumber)).toMatchObject({ status: 'closed' });
    const [notified] = await harness.inbox.waitFor(input.orderNumber);
    if (!notified) throw new Error('no notification');
    expect((await harness.channel.parseNotification(notified)).event).toMatchObject({
      type: 'payment.closed',
      orderNumber: input.orderNumber,
      id: expect.stringMatching(/^alipay:\d{28}:closed$/),
    });
  });

  it('acknowledges a verified WAIT_BUYER_PAY notification without an event', async () => {
    const params = signNotificationParams(
      {
        notify_type: 'trade_status_sync',
        notify_id: 'n1',
        notify_time: '2025-03-01 10:00:00',
        app_id: harness.simulator.appId,
        seller_id: harness.simulator.sellerId,
        trade_no: '2025030122001400000000000001',
        out_trade_no: 'ORDX',
        trade_status: 'WAIT_BUYER_PAY',
        total_amount: '1.00',
      },
      harness.simulator.keys.alipayPrivateKey,
    );
    const parsed = await harness.channel.parseNotification({
      headers: {},
      body: Buffer.from(new URLSearchParams(params).toString()),
    });
    expect(parsed).toMatchObject({ event: null, acknowledgement: { status: 200, body: 'success' } });
  });

  it.each([
    ['system_error', ChannelUnavailableError],
    ['http_502', ChannelUnavailableError],
    ['timeout', ChannelUnavailableError],
  ] as const)('maps a simulated %s to a retry-safe error', async (failure, errorClass) => {
    const impatient = harness.make({ timeoutMs: 300 });
    harness.simulator.failNext('alipay.trade.query', failure);
    const error = await impatient.queryPayment('ANY1').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(errorClass);
    expect((error as ChannelUnavailableError).retrySafe).toBe(true);
    expect(await impatient.queryPayment('ANY1')).toEqual({ status: 'not_found' });
  });

  it('treats a refund whose answer was lost as retry-safe: the retry refunds nothing more', async () => {
    const input = order();
    await harness.pay(await harness.channel.createPayment(input));
    const refund = { orderNumber: input.orderNumber, refundNumber: 'RF-LOST', amountFen: 345, reason: '退费' };
    harness.simulator.failNext('alipay.trade.refund', 'lost_answer');
    await expect(harness.make({ timeoutMs: 300 }).refund(refund)).rejects.toBeInstanceOf(ChannelUnavailableError);
    expect(harness.simulator.trades.get(input.orderNumber)?.refunds).toHaveLength(1);
    const retried = await harness.channel.refund(refund);
    expect(retried).toMatchObject({ status: 'succeeded', amountFen: 345 });
    expect(await harness.channel.queryRefund(refund)).toEqual(retried);
    expect(harness.simulator.trades.get(input.orderNumber)?.refunds).toHaveLength(1);
  });

  it('refuses an answer signed with another key (ChannelProtocolError)', async () => {
    const other = await generateAlipayKeys();
    const fooled = harness.make({ alipayPublicKey: other.alipayPublicKey });
    await expect(fooled.queryPayment('ANY1')).rejects.toBeInstanceOf(ChannelProtocolError);
  });

  it('is refused by the gateway when the app signs with a key Alipay does not know', async () => {
    const other = await generateAlipayKeys();
    const error = await harness
      .make({ appPrivateKey: other.appPrivateKey })
      .queryPayment('ANY1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelRejectedError);
    expect(error).toMatchObject({ reason: 'configuration', channelCode: 'isv.invalid-signature' });
  });

  it('downloads the day’s bill: a zip of GBK CSV files with the payments and refunds', async () => {
    const own = await makeAlipayHarness();
    try {
      const input = { ...order(), returnUrl: own.inbox.returnUrl, notifyUrl: own.inbox.notifyUrl, amountFen: 10_000 };
      await own.pay(await own.channel.createPayment(input));
      await own.channel.refund({
        orderNumber: input.orderNumber,
        refundNumber: 'RF9',
        amountFen: 2_500,
        reason: '退费',
      });
      const paid = await own.channel.queryPayment(input.orderNumber);
      own.clock.advance(24 * 3600_000);
      const businessDate = new Date(Date.parse(paid.paidAt ?? '') + 8 * 3600_000).toISOString().slice(0, 10);
      const statement = await own.channel.statement(businessDate);
      const day = businessDate.replaceAll('-', '');
      expect(statement).toMatchObject({
        format: 'alipay-trade-bill-zip',
        fileName: `${own.simulator.sellerId}_${day}.csv.zip`,
      });
      const gbk = new TextDecoder('gbk');
      const entries = readZip(await collectBytes(statement.body));
      expect(entries.map((entry) => gbk.decode(entry.nameBytes))).toEqual([
        `${own.simulator.sellerId}_${day}_业务明细.csv`,
        `${own.simulator.sellerId}_${day}_业务明细(汇总).csv`,
      ]);
      const [detail, summary] = entries.map((entry) => gbk.decode(entry.data).split('\r\n'));
      expect(detail?.[0]).toBe('#支付宝业务明细查询');
      const rows = (detail ?? []).filter((line) => line.includes(input.orderNumber)).map((line) => line.split(','));
      expect(rows.map((cells) => [cells[0], cells[2], cells[11], cells[21], cells[22]])).toEqual([
        [`${paid.channelTransactionId}\t`, '交易', '100.00', '', '-0.60'],
        [`${paid.channelTransactionId}\t`, '退款', '-25.00', 'RF9\t', '0.15'],
      ]);
      expect(summary?.find((line) => line.startsWith('合计'))).toBe(
        '合计,,1,1,75.00,75.00,0.00,0.00,0.00,-0.45,0.00,74.55',
      );
    } finally {
      await own.close();
    }
  });
});
