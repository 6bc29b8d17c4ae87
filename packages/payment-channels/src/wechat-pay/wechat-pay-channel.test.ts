import { createDecipheriv, createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ChannelProtocolError,
  ChannelRejectedError,
  ChannelUnavailableError,
  NotificationRejectedError,
} from '../channel/channel-errors.ts';
import { bodyText } from '../channel/notification-input.ts';
import {
  type ChannelHarness,
  describePaymentChannelContract,
  newOrderNumber,
} from '../channel/payment-channel.contract.ts';
import type {
  CreatePaymentInput,
  IncomingNotification,
  PaymentChannel,
  PaymentInstruction,
} from '../channel/payment-channel.ts';
import { createFakeClock } from '../test-support/fake-clock.ts';
import {
  type NotificationInbox,
  type ReceivedNotification,
  startNotificationInbox,
} from '../test-support/notification-inbox.ts';
import { collectBytes } from '../test-support/read-zip.ts';
import { generateWechatPayKeys, type WechatPayKeys } from './simulator/simulator-keys.ts';
import { encryptResource, signatureHeaders } from './simulator/v3-crypto.ts';
import {
  startWechatPaySimulator,
  type WechatPaySimulator,
  type WechatPaySimulatorOptions,
} from './simulator/wechat-pay-simulator.ts';
import { createWechatPayChannel, type WechatPayChannel, type WechatPayChannelOptions } from './wechat-pay-channel.ts';
import {
  WECHAT_PAY_ACKNOWLEDGEMENT,
  WECHAT_PAY_DECRYPTION_REJECTION,
  WECHAT_PAY_SIGNATURE_REJECTION,
} from './wechat-pay-notification.ts';
import { Formatter } from './wechatpay-library.ts';

/** Test-side AES-256-GCM, from WeChat Pay's documentation (回调报文解密). */
const decryptResource = (body: string, apiV3Key: string): Record<string, unknown> => {
  const { resource } = JSON.parse(body) as {
    resource: { ciphertext: string; nonce: string; associated_data: string };
  };
  const bytes = Buffer.from(resource.ciphertext, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', Buffer.from(apiV3Key), Buffer.from(resource.nonce));
  decipher.setAAD(Buffer.from(resource.associated_data));
  decipher.setAuthTag(bytes.subarray(-16));
  const plaintext = Buffer.concat([decipher.update(bytes.subarray(0, -16)), decipher.final()]).toString('utf8');
  return JSON.parse(plaintext) as Record<string, unknown>;
};

/**
 * The platform's notify endpoint. WeChat Pay's bodies are encrypted, so finding the notifications of an order means
 * reading them as the platform does: with the APIv3 key.
 */
const startDecryptingInbox = async (apiV3Key: string): Promise<NotificationInbox> => {
  const inbox = await startNotificationInbox();
  const readable = (notification: ReceivedNotification): string => {
    try {
      const raw = notification.body.toString('utf8');
      return `${raw}${JSON.stringify(decryptResource(raw, apiV3Key))}`;
    } catch {
      return notification.text;
    }
  };
  return {
    ...inbox,
    waitFor: async (text, { count = 1, timeoutMs = 5000 } = {}) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const matching = inbox.received.filter((notification) => readable(notification).includes(text));
        if (matching.length >= count) return matching;
        if (Date.now() > deadline) {
          throw new Error(`Expected ${count} notification(s) mentioning ${text}, received ${matching.length}.`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
  };
};

interface WechatPayHarness extends ChannelHarness {
  readonly channel: WechatPayChannel;
  readonly simulator: WechatPaySimulator;
  readonly keys: WechatPayKeys;
  make(overrides?: Partial<WechatPayChannelOptions>): WechatPayChannel;
}

const hiddenInputs = (form: string): URLSearchParams =>
  new URLSearchParams(
    [...form.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g)].map(
      ([, name = '', value = '']): [string, string] => [name, value.replaceAll('&#38;', '&')],
    ),
  );

const payPageUrl = (instruction: PaymentInstruction): string => {
  if (instruction.kind === 'redirect') return instruction.url;
  if (instruction.kind === 'qr') return instruction.content;
  throw new Error('WeChat Pay never answers with a form.');
};

/** The payer opens the page and presses the pay button, if there is one. */
const payAt = async (pageUrl: string): Promise<{ readonly paid: boolean; readonly returnedTo?: URL }> => {
  const page = await (await fetch(pageUrl)).text();
  const form = /<form method="post" action="([^"]+)">(.*?)<\/form>/s.exec(page);
  if (!form?.[1]) return { paid: false };
  const response = await fetch(new URL(form[1], pageUrl), {
    method: 'POST',
    body: hiddenInputs(form[2] ?? ''),
    redirect: 'manual',
  });
  const location = response.headers.get('location');
  if (response.status === 303 && location) return { paid: true, returnedTo: new URL(location) };
  return { paid: response.status === 200 };
};

/** Signs a notification body as WeChat Pay would, with any key, serial and time. */
const signed = (
  body: string,
  privateKey: string,
  serial: string,
  seconds = Math.floor(Date.now() / 1000),
): IncomingNotification => ({ headers: { ...signatureHeaders(body, { privateKey, serial }, seconds) }, body });

let sharedKeys: Promise<WechatPayKeys> | undefined;
const keys = () => {
  sharedKeys ??= generateWechatPayKeys();
  return sharedKeys;
};

const makeWechatPayHarness = async (simulatorOptions: WechatPaySimulatorOptions = {}): Promise<WechatPayHarness> => {
  const clock = createFakeClock();
  const simulatorKeys = await keys();
  const simulator = await startWechatPaySimulator({
    keys: simulatorKeys,
    clock,
    notificationRetryDelaysMs: [],
    ...simulatorOptions,
  });
  const inbox = await startDecryptingInbox(simulatorKeys.apiV3Key);
  const make: WechatPayHarness['make'] = (overrides = {}) =>
    createWechatPayChannel({
      mchid: simulator.mchid,
      appid: simulator.appid,
      merchantPrivateKey: simulatorKeys.merchantPrivateKey,
      merchantSerialNo: simulatorKeys.merchantSerialNo,
      platformPublicKeys: { [simulatorKeys.platformPublicKeyId]: simulatorKeys.platformPublicKey },
      apiV3Key: simulatorKeys.apiV3Key,
      baseUrl: simulator.baseUrl,
      products: ['pagePay', 'qrPay'],
      refundNotifyUrl: inbox.notifyUrl,
      timeoutMs: 2000,
      ...overrides,
    });
  const channel = make();
  inbox.answerWith(channel);
  return {
    channel,
    inbox,
    clock,
    simulator,
    keys: simulatorKeys,
    make,
    open: async (instruction) => {
      await (await fetch(payPageUrl(instruction))).text();
    },
    pay: (instruction) => payAt(payPageUrl(instruction)),
    redeliver: (orderNumber) => simulator.redeliverNotifications(orderNumber),
    forgeries: (genuine) => {
      const body = bodyText(genuine.body);
      const envelope = JSON.parse(body) as { resource: Record<string, string> };
      const resource = decryptResource(body, simulatorKeys.apiV3Key);
      const reencrypted = (plain: Record<string, unknown>, apiV3Key = simulatorKeys.apiV3Key) =>
        JSON.stringify({
          ...envelope,
          resource: {
            ...envelope.resource,
            ...encryptResource(JSON.stringify(plain), apiV3Key, envelope.resource.associated_data ?? ''),
          },
        });
      const asPlatform = (text: string, seconds?: number) =>
        signed(text, simulatorKeys.platformPrivateKey, simulatorKeys.platformPublicKeyId, seconds);
      const { 'wechatpay-signature': _signature, ...unsigned } = genuine.headers;
      const tamperedAmount = reencrypted({ ...resource, amount: { total: 1, payer_total: 1, currency: 'CNY' } });
      return [
        {
          label: 'tampered amount, original signature',
          notification: { headers: genuine.headers, body: tamperedAmount },
        },
        {
          label: 'signed with the merchant key, not WeChat Pay’s',
          notification: signed(tamperedAmount, simulatorKeys.merchantPrivateKey, simulatorKeys.platformPublicKeyId),
        },
        { label: 'unsigned', notification: { headers: unsigned, body } },
        {
          label: 'signed by an unknown key id',
          notification: signed(body, simulatorKeys.platformPrivateKey, 'PUB_KEY_ID_0199999999999999999999999999999999'),
        },
        { label: 'replayed ten minutes later', notification: asPlatform(body, Math.floor(Date.now() / 1000) - 600) },
        {
          label: 'a signature probe',
          notification: { headers: { ...genuine.headers, 'wechatpay-signature': 'WECHATPAY/SIGNTEST/abc' }, body },
        },
        { label: 'encrypted with another APIv3 key', notification: asPlatform(reencrypted(resource, 'x'.repeat(32))) },
        {
          label: 'genuinely signed and encrypted, for another merchant',
          notification: asPlatform(reencrypted({ ...resource, mchid: '1900009999' })),
        },
        {
          label: 'genuinely signed and encrypted, for another app',
          notification: asPlatform(reencrypted({ ...resource, appid: 'wx0000000000000000' })),
        },
      ];
    },
    without: (capability) => {
      if (capability === 'pagePay') return make({ products: ['qrPay'] });
      if (capability === 'qrPay') return make({ products: ['pagePay'] });
      return undefined;
    },
    statementOrderNumbers: async (statement) => {
      const { rows } = Formatter.castCsvBill(await collectBytes(statement.body)) as {
        rows: Record<string, string>[];
      };
      return new Set(rows.map((row) => row.商户订单号 ?? ''));
    },
    close: async () => {
      await simulator.close();
      await inbox.close();
    },
  };
};

describePaymentChannelContract('wechat-pay (simulator)', makeWechatPayHarness);

describe('WeChat Pay adapter against the simulator', () => {
  let harness: WechatPayHarness;
  beforeAll(async () => {
    harness = await makeWechatPayHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  const order = (overrides: Partial<CreatePaymentInput> = {}): CreatePaymentInput => ({
    orderNumber: newOrderNumber('WX'),
    amountFen: 12_345,
    subject: '行政事业性收费',
    expiresAt: new Date(harness.clock.now() + 15 * 60_000).toISOString(),
    returnUrl: harness.inbox.returnUrl,
    notifyUrl: harness.inbox.notifyUrl,
    ...overrides,
  });

  /** Pays and returns the genuine notification as received. */
  const paid = async (input: CreatePaymentInput = order({ method: 'qrPay' })) => {
    const outcome = await harness.pay(await harness.channel.createPayment(input));
    expect(outcome.paid).toBe(true);
    const [received] = await harness.inbox.waitFor(input.orderNumber);
    if (!received) throw new Error('no notification');
    return { input, notification: { headers: received.headers, body: received.body } as IncomingNotification };
  };

  const rejection = async (channel: PaymentChannel, notification: IncomingNotification) => {
    const error = await channel.parseNotification(notification).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(NotificationRejectedError);
    return error as NotificationRejectedError;
  };

  it('places Native and H5 orders in fen with RFC 3339 Beijing deadlines, H5 returning to redirect_url', async () => {
    const input = order({ method: 'qrPay', expiresAt: '2030-01-01T00:00:00.000Z' });
    const qr = await harness.channel.createPayment(input);
    expect(qr).toEqual({ kind: 'qr', content: expect.stringMatching(/\/native\/pay\/[A-Za-z0-9]{20}$/) });
    expect(harness.simulator.trades.get(input.orderNumber)).toMatchObject({
      totalFen: 12_345,
      description: '行政事业性收费',
      tradeType: 'NATIVE',
      timeExpire: Date.parse('2030-01-01T00:00:00.000Z'),
      notifyUrl: input.notifyUrl,
      state: 'NOTPAY',
    });
    const h5Input = order({ payerHint: { clientIp: '203.0.113.7' } });
    const h5 = await harness.channel.createPayment(h5Input);
    if (h5.kind !== 'redirect') throw new Error('expected a redirect');
    const url = new URL(h5.url);
    expect(url.pathname).toBe('/cgi-bin/mmpayweb-bin/checkmweb');
    expect(url.searchParams.get('prepay_id')).toMatch(/^wx\d{14}/);
    expect(url.searchParams.get('redirect_url')).toBe(h5Input.returnUrl);
    expect(harness.simulator.trades.get(h5Input.orderNumber)?.tradeType).toBe('MWEB');
  });

  it('answers the same code_url for a repeated order and refuses another amount, a paid or a closed order', async () => {
    const input = order({ method: 'qrPay' });
    const first = await harness.channel.createPayment(input);
    expect(await harness.channel.createPayment(input)).toEqual(first);
    await expect(harness.channel.createPayment({ ...input, amountFen: 1 })).rejects.toMatchObject({
      reason: 'order_conflict',
      channelCode: 'OUT_TRADE_NO_USED',
    });
    await harness.pay(first);
    await expect(harness.channel.createPayment(input)).rejects.toMatchObject({
      reason: 'order_paid',
      channelCode: 'ORDERPAID',
    });
    const closed = order({ method: 'qrPay' });
    await harness.channel.createPayment(closed);
    await harness.channel.closePayment(closed.orderNumber);
    await expect(harness.channel.createPayment(closed)).rejects.toMatchObject({ reason: 'order_closed' });
  });

  it('closes an order at time_expire without notifying, as WeChat Pay does', async () => {
    const input = order({ method: 'qrPay', expiresAt: new Date(harness.clock.now() + 60_000).toISOString() });
    const instruction = await harness.channel.createPayment(input);
    harness.clock.advance(2 * 60_000);
    expect(await harness.channel.queryPayment(input.orderNumber)).toEqual({ status: 'closed', amountFen: 12_345 });
    expect((await harness.pay(instruction)).paid).toBe(false);
    expect(harness.simulator.notifications.filter((n) => n.outTradeNo === input.orderNumber)).toEqual([]);
  });

  it('acknowledges a verified notification with HTTP 200 and no body', async () => {
    const { input, notification } = await paid();
    const parsed = await harness.channel.parseNotification(notification);
    expect(parsed.acknowledgement).toEqual({ status: 200, headers: {}, body: '' });
    expect(parsed.event).toMatchObject({
      type: 'payment.succeeded',
      id: expect.stringMatching(/^wechat-pay:\d{28}:paid$/),
      orderNumber: input.orderNumber,
      amountFen: 12_345,
    });
    await harness.simulator.notificationsSettled();
    expect(harness.simulator.notifications.find((n) => n.outTradeNo === input.orderNumber)).toMatchObject({
      eventType: 'TRANSACTION.SUCCESS',
      acknowledged: true,
      lastStatus: 200,
    });
  });

  it('rejects a tampered body, a wrong signature and a stale timestamp with a 401 FAIL answer', async () => {
    const { notification } = await paid();
    const body = bodyText(notification.body);
    const cases: IncomingNotification[] = [
      { headers: notification.headers, body: body.replace('"ciphertext":"', '"ciphertext":"A') },
      { headers: { ...notification.headers, 'wechatpay-signature': Buffer.alloc(256, 1).toString('base64') }, body },
      signed(
        body,
        harness.keys.platformPrivateKey,
        harness.keys.platformPublicKeyId,
        Math.floor(Date.now() / 1000) - 301,
      ),
      signed(
        body,
        harness.keys.platformPrivateKey,
        harness.keys.platformPublicKeyId,
        Math.floor(Date.now() / 1000) + 301,
      ),
    ];
    for (const forged of cases) {
      const error = await rejection(harness.channel, forged);
      expect(error.acknowledgement).toEqual(WECHAT_PAY_SIGNATURE_REJECTION);
      expect(JSON.parse(error.acknowledgement.body)).toEqual({ code: 'FAIL', message: '签名验证失败' });
    }
    // Within the five minutes, the same notification freshly signed is a duplicate, not a forgery.
    const fresh = signed(body, harness.keys.platformPrivateKey, harness.keys.platformPublicKeyId);
    expect((await harness.channel.parseNotification(fresh)).acknowledgement).toEqual(WECHAT_PAY_ACKNOWLEDGEMENT);
  });

  it('answers a decryption failure (wrong APIv3 key) with a 500 FAIL, so WeChat Pay sends it again', async () => {
    const misconfigured = harness.make({ apiV3Key: 'k'.repeat(32) });
    const inbox = await startDecryptingInbox(harness.keys.apiV3Key);
    try {
      inbox.answerWith(misconfigured);
      const input = order({ method: 'qrPay', notifyUrl: inbox.notifyUrl });
      await harness.pay(await harness.channel.createPayment(input));
      const [received] = await inbox.waitFor(input.orderNumber);
      expect(received?.answeredWith).toEqual(WECHAT_PAY_DECRYPTION_REJECTION);
      expect(WECHAT_PAY_DECRYPTION_REJECTION).toMatchObject({ status: 500 });
      await harness.simulator.notificationsSettled();
      const sent = harness.simulator.notifications.find((n) => n.outTradeNo === input.orderNumber);
      expect(sent).toMatchObject({ acknowledged: false, lastStatus: 500 });
      // Once the key is fixed, the redelivery goes through.
      inbox.answerWith(harness.channel);
      await harness.simulator.redeliverNotifications(input.orderNumber);
      expect(sent).toMatchObject({ acknowledged: true, lastStatus: 200 });
    } finally {
      await inbox.close();
    }
  });

  it.each(['bad_signature', 'stale_signature'] as const)(
    'refuses a 2xx answer with a %s (ChannelProtocolError), though the request was carried out',
    async (failure) => {
      const input = order({ method: 'qrPay' });
      await harness.channel.createPayment(input);
      harness.simulator.failNext('queryByOutTradeNo', failure);
      await expect(harness.channel.queryPayment(input.orderNumber)).rejects.toBeInstanceOf(ChannelProtocolError);
      harness.simulator.failNext('close', failure);
      await expect(harness.channel.closePayment(input.orderNumber)).rejects.toBeInstanceOf(ChannelProtocolError);
      expect(await harness.channel.queryPayment(input.orderNumber)).toMatchObject({ status: 'closed' });
      harness.simulator.failNext('native', failure);
      await expect(harness.channel.createPayment(order({ method: 'qrPay' }))).rejects.toBeInstanceOf(
        ChannelProtocolError,
      );
    },
  );

  it('refuses an answer signed with a key it was not given (ChannelProtocolError)', async () => {
    const input = order({ method: 'qrPay' });
    await harness.channel.createPayment(input);
    const other = await generateWechatPayKeys();
    const fooled = harness.make({
      platformPublicKeys: { [harness.keys.platformPublicKeyId]: other.platformPublicKey },
    });
    await expect(fooled.queryPayment(input.orderNumber)).rejects.toBeInstanceOf(ChannelProtocolError);
    const unknownSerial = harness.make({
      platformPublicKeys: { PUB_KEY_ID_0100000000000000000000000000000000: harness.keys.platformPublicKey },
    });
    await expect(unknownSerial.queryPayment(input.orderNumber)).rejects.toBeInstanceOf(ChannelProtocolError);
  });

  it('is refused with SIGN_ERROR when the merchant signs with a key WeChat Pay does not know', async () => {
    const other = await generateWechatPayKeys();
    const error = await harness
      .make({ merchantPrivateKey: other.merchantPrivateKey })
      .queryPayment('ANY123')
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChannelRejectedError);
    expect(error).toMatchObject({ reason: 'configuration', channelCode: 'SIGN_ERROR' });
  });

  it.each([['system_error'], ['frequency_limited'], ['http_502'], ['timeout']] as const)(
    'maps a simulated %s to a retry-safe ChannelUnavailableError',
    async (failure) => {
      const impatient = harness.make({ timeoutMs: 300 });
      harness.simulator.failNext('queryByOutTradeNo', failure);
      const error = await impatient.queryPayment('ANY123').catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ChannelUnavailableError);
      expect((error as ChannelUnavailableError).retrySafe).toBe(true);
      expect(await impatient.queryPayment('ANY123')).toEqual({ status: 'not_found' });
    },
  );

  it('refuses a refund beyond what was paid (refund_exceeds_paid) and a changed refund (refund_conflict)', async () => {
    const { input } = await paid();
    const refund = {
      orderNumber: input.orderNumber,
      refundNumber: newOrderNumber('RF'),
      amountFen: 345,
      reason: '多缴',
    };
    expect(await harness.channel.refund(refund)).toMatchObject({
      status: 'succeeded',
      amountFen: 345,
      channelRefundId: expect.stringMatching(/^\d{29}$/),
    });
    const beyond = await harness.channel
      .refund({ ...refund, refundNumber: newOrderNumber('RF'), amountFen: 12_001 })
      .catch((caught: unknown) => caught);
    expect(beyond).toBeInstanceOf(ChannelRejectedError);
    expect(beyond).toMatchObject({
      reason: 'refund_exceeds_paid',
      channelCode: 'INVALID_REQUEST',
      channelMessage: '申请退款金额超过订单可退金额',
    });
    await expect(harness.channel.refund({ ...refund, amountFen: 346 })).rejects.toMatchObject({
      reason: 'refund_conflict',
      channelCode: 'INVALID_REQUEST',
    });
    const elsewhere = await paid();
    await expect(harness.channel.refund({ ...refund, orderNumber: elsewhere.input.orderNumber })).rejects.toMatchObject(
      { reason: 'refund_conflict' },
    );
    expect(await harness.channel.queryRefund({ ...refund, orderNumber: elsewhere.input.orderNumber })).toEqual({
      status: 'not_found',
    });
    expect(harness.simulator.trades.get(input.orderNumber)?.refunds).toHaveLength(1);
  });

  it('treats a refund whose answer was lost as retry-safe: the retry refunds nothing more', async () => {
    const { input } = await paid();
    const refund = { orderNumber: input.orderNumber, refundNumber: 'RF-LOST', amountFen: 345, reason: '退费' };
    harness.simulator.failNext('refund', 'lost_answer');
    await expect(harness.make({ timeoutMs: 300 }).refund(refund)).rejects.toBeInstanceOf(ChannelUnavailableError);
    expect(harness.simulator.trades.get(input.orderNumber)?.refunds).toHaveLength(1);
    const retried = await harness.channel.refund(refund);
    expect(retried).toMatchObject({ status: 'succeeded', amountFen: 345 });
    expect(await harness.channel.queryRefund(refund)).toEqual(retried);
    expect(harness.simulator.trades.get(input.orderNumber)?.refunds).toHaveLength(1);
  });

  it('follows a PROCESSING refund to SUCCESS and its REFUND.SUCCESS notification', async () => {
    const own = await makeWechatPayHarness({ refundProcessingMs: 60_000 });
    try {
      const input = { ...order({ method: 'qrPay' }), notifyUrl: own.inbox.notifyUrl, returnUrl: own.inbox.returnUrl };
      await own.pay(await own.channel.createPayment(input));
      const refund = {
        orderNumber: input.orderNumber,
        refundNumber: newOrderNumber('RF'),
        amountFen: 2_345,
        reason: '',
      };
      const processing = await own.channel.refund(refund);
      expect(processing).toEqual({
        status: 'processing',
        orderNumber: input.orderNumber,
        refundNumber: refund.refundNumber,
        amountFen: 2_345,
        channelRefundId: expect.any(String),
      });
      expect(await own.channel.refund(refund)).toEqual(processing);
      expect(await own.channel.queryRefund(refund)).toEqual(processing);
      expect(await own.channel.queryPayment(input.orderNumber)).toMatchObject({ status: 'paid', amountFen: 12_345 });
      const refundedAt = new Date(own.clock.now() + 60_000).toISOString().replace(/\.\d{3}Z$/, '.000Z');
      own.clock.advance(61_000);
      expect(await own.channel.queryRefund(refund)).toEqual({ ...processing, status: 'succeeded', refundedAt });
      const [notified] = await own.inbox.waitFor(refund.refundNumber);
      if (!notified) throw new Error('no refund notification');
      expect((await own.channel.parseNotification(notified)).event).toEqual({
        type: 'refund.succeeded',
        id: expect.stringMatching(new RegExp(`^wechat-pay:\\d{28}:refund:${refund.refundNumber}$`)),
        orderNumber: input.orderNumber,
        refundNumber: refund.refundNumber,
        channelTransactionId: expect.stringMatching(/^\d{28}$/),
        amountFen: 2_345,
        refundedAt,
      });
    } finally {
      await own.close();
    }
  });

  it('refuses to refund an unknown order, and finds no refund it never made', async () => {
    await expect(
      harness.channel.refund({ orderNumber: 'NOPE123', refundNumber: 'RF1', amountFen: 1, reason: '' }),
    ).rejects.toMatchObject({ reason: 'order_not_found' });
    const { input } = await paid();
    expect(await harness.channel.queryRefund({ orderNumber: input.orderNumber, refundNumber: 'NEVER' })).toEqual({
      status: 'not_found',
    });
  });

  it('downloads the day’s bill whose SHA1 matches the signed hash_value, with payments, refunds and totals', async () => {
    const own = await makeWechatPayHarness();
    try {
      const input = { ...order({ method: 'qrPay' }), notifyUrl: own.inbox.notifyUrl, amountFen: 10_000 };
      await own.pay(await own.channel.createPayment(input));
      await own.channel.refund({
        orderNumber: input.orderNumber,
        refundNumber: 'RF9',
        amountFen: 2_500,
        reason: '退费',
      });
      const payment = await own.channel.queryPayment(input.orderNumber);
      const businessDate = new Date(Date.parse(payment.paidAt ?? '') + 8 * 3600_000).toISOString().slice(0, 10);
      own.clock.advance(24 * 3600_000);
      const statement = await own.channel.statement(businessDate);
      expect(statement).toMatchObject({
        channel: 'wechat-pay',
        businessDate,
        format: 'wechat-pay-trade-bill-csv',
        hashType: 'SHA1',
        hashValue: expect.stringMatching(/^[0-9a-f]{40}$/),
      });
      const bytes = await collectBytes(statement.body);
      expect(createHash('sha1').update(bytes).digest('hex')).toBe(statement.hashValue);
      expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
      const { rows, summary } = Formatter.castCsvBill(bytes) as {
        rows: Record<string, string>[];
        summary: Record<string, string>;
      };
      expect(
        rows.map((row) => [
          row.微信订单号,
          row.商户订单号,
          row.交易状态,
          row.应结订单金额,
          row.商户退款单号,
          row.退款金额,
          row.手续费,
        ]),
      ).toEqual([
        [payment.channelTransactionId, input.orderNumber, 'SUCCESS', '100.00', '0', '0.00', '0.60'],
        [payment.channelTransactionId, input.orderNumber, 'REFUND', '0.00', 'RF9', '25.00', '-0.15'],
      ]);
      expect(summary).toEqual({
        总交易单数: '2',
        应结订单总金额: '100.00',
        退款总金额: '25.00',
        充值券退款总金额: '0.00',
        手续费总金额: '0.45',
        订单总金额: '100.00',
        申请退款总金额: '25.00',
      });

      own.simulator.failNext('billdownload', 'http_502');
      await expect(own.channel.statement(businessDate)).rejects.toBeInstanceOf(ChannelUnavailableError);
      own.simulator.failNext('tradebill', 'bad_bill_hash');
      const tampered = await own.channel.statement(businessDate);
      await expect(collectBytes(tampered.body)).rejects.toBeInstanceOf(ChannelProtocolError);
    } finally {
      await own.close();
    }
  });
});
