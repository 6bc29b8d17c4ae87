import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNEL_CAPABILITIES, type ChannelCapability } from '../channel/capabilities.ts';
import { ChannelRejectedError, ChannelUnavailableError, NotificationRejectedError } from '../channel/channel-errors.ts';
import { bodyText } from '../channel/notification-input.ts';
import {
  type ChannelHarness,
  describePaymentChannelContract,
  newOrderNumber,
} from '../channel/payment-channel.contract.ts';
import type { CreatePaymentInput, PaymentChannel, PaymentInstruction } from '../channel/payment-channel.ts';
import { createFakeClock, type FakeClock } from '../test-support/fake-clock.ts';
import { type NotificationInbox, startNotificationInbox } from '../test-support/notification-inbox.ts';
import { createSandboxChannel } from './sandbox-channel.ts';
import { type SandboxChannelServer, startSandboxChannelServer } from './sandbox-channel-server.ts';
import { SANDBOX_DECLINED_PAYER_NAME } from './sandbox-magic.ts';
import { SANDBOX_SIGNATURE_HEADER, signSandboxPayload } from './sandbox-signature.ts';
import { parseSandboxStatement } from './sandbox-statement.ts';

const SECRET = 'sandbox-test-secret-0123456789';
const NOTIFICATION_DELAY_MS = 300;

interface SandboxHarness extends ChannelHarness {
  readonly server: SandboxChannelServer;
  make(options?: { capabilities?: Iterable<ChannelCapability>; timeoutMs?: number; secret?: string }): PaymentChannel;
}

const payUrlOf = (instruction: PaymentInstruction): string => {
  if (instruction.kind === 'redirect') return instruction.url;
  if (instruction.kind === 'qr') return instruction.content;
  throw new Error('The sandbox never answers with a form.');
};

const makeSandboxHarness = async (): Promise<SandboxHarness> => {
  const clock: FakeClock = createFakeClock();
  const server = await startSandboxChannelServer({
    secret: SECRET,
    clock,
    notificationDelayMs: NOTIFICATION_DELAY_MS,
    notificationRetryDelaysMs: [],
    createHangMs: 5000,
  });
  const inbox = await startNotificationInbox();
  const make: SandboxHarness['make'] = (options = {}) =>
    createSandboxChannel({
      baseUrl: server.baseUrl,
      secret: options.secret ?? SECRET,
      clock,
      timeoutMs: options.timeoutMs ?? 2000,
      ...(options.capabilities ? { capabilities: options.capabilities } : {}),
    });
  const channel = make();
  inbox.answerWith(channel);
  return {
    channel,
    inbox,
    clock,
    server,
    make,
    open: async () => {
      // The sandbox knows the order from its creation; visiting the pay URL would pay it.
    },
    pay: async (instruction) => {
      const response = await fetch(payUrlOf(instruction), { redirect: 'manual' });
      const location = response.headers.get('location');
      if (response.status !== 303 || !location) return { paid: false };
      const returnedTo = new URL(location);
      return { paid: returnedTo.searchParams.get('result') === 'paid', returnedTo };
    },
    redeliver: (orderNumber) => server.redeliverNotifications(orderNumber),
    forgeries: (genuine) => {
      const text = bodyText(genuine.body);
      const tampered = JSON.parse(text) as { data: { amountFen: number } };
      tampered.data.amountFen = 1;
      return [
        { label: 'tampered amount', notification: { headers: genuine.headers, body: JSON.stringify(tampered) } },
        {
          label: 'signed with another secret',
          notification: {
            headers: { [SANDBOX_SIGNATURE_HEADER]: signSandboxPayload('guess', text, clock.now()) },
            body: text,
          },
        },
        { label: 'unsigned', notification: { headers: {}, body: text } },
        {
          label: 'replayed ten minutes later',
          notification: {
            headers: { [SANDBOX_SIGNATURE_HEADER]: signSandboxPayload(SECRET, text, clock.now() - 10 * 60_000) },
            body: text,
          },
        },
      ];
    },
    without: (capability) => make({ capabilities: CHANNEL_CAPABILITIES.filter((c) => c !== capability) }),
    statementOrderNumbers: async (statement) => {
      const numbers = new Set<string>();
      for await (const line of parseSandboxStatement(statement.body)) numbers.add(line.orderNumber);
      return numbers;
    },
    close: async () => {
      await server.close();
      await inbox.close();
    },
  };
};

describePaymentChannelContract('sandbox', makeSandboxHarness);

describe('sandbox magic values', () => {
  let harness: SandboxHarness;
  let inbox: NotificationInbox;
  beforeAll(async () => {
    harness = await makeSandboxHarness();
    inbox = harness.inbox;
  });
  afterAll(async () => {
    await harness?.close();
  });

  const order = (amountFen: number, overrides: Partial<CreatePaymentInput> = {}): CreatePaymentInput => ({
    orderNumber: newOrderNumber('MAGIC'),
    amountFen,
    subject: '沙箱测试',
    expiresAt: new Date(harness.clock.now() + 15 * 60_000).toISOString(),
    returnUrl: inbox.returnUrl,
    notifyUrl: inbox.notifyUrl,
    ...overrides,
  });

  const mentions = (orderNumber: string) => inbox.received.filter((n) => n.text.includes(orderNumber));

  it('…01: the payment fails, the order stays pending and nothing is notified', async () => {
    const input = order(10_001);
    const outcome = await harness.pay(await harness.channel.createPayment(input));
    expect(outcome.paid).toBe(false);
    expect(outcome.returnedTo?.searchParams.get('result')).toBe('failed');
    await harness.server.notificationsSettled();
    expect(mentions(input.orderNumber)).toEqual([]);
    expect(await harness.channel.queryPayment(input.orderNumber)).toMatchObject({ status: 'pending' });
  });

  it('…02: the notification comes late', async () => {
    const input = order(10_002);
    const paidAt = Date.now();
    expect((await harness.pay(await harness.channel.createPayment(input))).paid).toBe(true);
    expect(mentions(input.orderNumber)).toEqual([]);
    await inbox.waitFor(input.orderNumber);
    expect(Date.now() - paidAt).toBeGreaterThanOrEqual(NOTIFICATION_DELAY_MS - 20);
  });

  it('…03: the notification comes twice, with one event id', async () => {
    const input = order(10_003);
    await harness.pay(await harness.channel.createPayment(input));
    const twice = await inbox.waitFor(input.orderNumber, { count: 2 });
    const parsed = await Promise.all(twice.map((n) => harness.channel.parseNotification(n)));
    expect(parsed[0]?.event?.id).toBeDefined();
    expect(parsed[1]?.event?.id).toBe(parsed[0]?.event?.id);
  });

  it('…04: no notification ever comes; only a query finds the payment', async () => {
    const input = order(10_004);
    await harness.pay(await harness.channel.createPayment(input));
    await harness.server.notificationsSettled();
    expect(mentions(input.orderNumber)).toEqual([]);
    expect(await harness.channel.queryPayment(input.orderNumber)).toMatchObject({ status: 'paid', amountFen: 10_004 });
  });

  it('…05: the first create times out (retry-safe); the retry with the same number answers', async () => {
    const impatient = harness.make({ timeoutMs: 300 });
    const input = order(10_005);
    const error = await impatient.createPayment(input).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ChannelUnavailableError);
    expect((error as ChannelUnavailableError).retrySafe).toBe(true);
    const instruction = await impatient.createPayment(input);
    expect((await harness.pay(instruction)).paid).toBe(true);
    expect(await harness.channel.queryPayment(input.orderNumber)).toMatchObject({ status: 'paid' });
  });

  it('…06: the notification is forged; the platform rejects it and the sandbox sees the rejection', async () => {
    const input = order(10_006);
    await harness.pay(await harness.channel.createPayment(input));
    const [forged] = await inbox.waitFor(input.orderNumber);
    if (!forged) throw new Error('no notification');
    await expect(harness.channel.parseNotification(forged)).rejects.toBeInstanceOf(NotificationRejectedError);
    expect(forged.answeredWith?.status).toBe(400);
    await harness.server.notificationsSettled();
    const delivery = harness.server.deliveries.find((d) => d.orderNumber === input.orderNumber);
    expect(delivery).toMatchObject({ forged: true, acknowledged: false });
  });

  it(`payer ${SANDBOX_DECLINED_PAYER_NAME}: declined, the order is closed and payment.closed is notified`, async () => {
    const input = order(12_300, { payerHint: { name: SANDBOX_DECLINED_PAYER_NAME } });
    const outcome = await harness.pay(await harness.channel.createPayment(input));
    expect(outcome).toMatchObject({ paid: false });
    expect(outcome.returnedTo?.searchParams.get('result')).toBe('declined');
    const [notified] = await inbox.waitFor(input.orderNumber);
    if (!notified) throw new Error('no notification');
    expect((await harness.channel.parseNotification(notified)).event).toMatchObject({
      type: 'payment.closed',
      orderNumber: input.orderNumber,
    });
    expect(await harness.channel.queryPayment(input.orderNumber)).toMatchObject({ status: 'closed' });
  });

  it('acknowledged notifications are not sent again; the sandbox records the exact acknowledgement', async () => {
    const input = order(12_300);
    await harness.pay(await harness.channel.createPayment(input));
    await inbox.waitFor(input.orderNumber);
    await harness.server.notificationsSettled();
    const deliveries = harness.server.deliveries.filter((d) => d.orderNumber === input.orderNumber);
    expect(deliveries).toMatchObject([{ attempts: 1, acknowledged: true, lastStatus: 200 }]);
  });
});

describe('sandbox channel rules', () => {
  let harness: SandboxHarness;
  beforeAll(async () => {
    harness = await makeSandboxHarness();
  });
  afterAll(async () => {
    await harness?.close();
  });

  const order = (overrides: Partial<CreatePaymentInput> = {}): CreatePaymentInput => ({
    orderNumber: newOrderNumber('RULE'),
    amountFen: 5_000,
    subject: '规则',
    expiresAt: new Date(harness.clock.now() + 15 * 60_000).toISOString(),
    returnUrl: harness.inbox.returnUrl,
    notifyUrl: harness.inbox.notifyUrl,
    ...overrides,
  });

  it('answers the same instruction for the same order, and refuses the number for another amount', async () => {
    const input = order();
    const first = await harness.channel.createPayment(input);
    expect(await harness.channel.createPayment(input)).toEqual(first);
    await expect(harness.channel.createPayment({ ...input, amountFen: 5_100 })).rejects.toMatchObject({
      reason: 'order_conflict',
    });
  });

  it('refuses to create again once paid', async () => {
    const input = order();
    await harness.pay(await harness.channel.createPayment(input));
    await expect(harness.channel.createPayment(input)).rejects.toMatchObject({ reason: 'order_paid' });
  });

  it('closes an unpaid order at its deadline', async () => {
    const input = order({ expiresAt: new Date(harness.clock.now() + 60_000).toISOString() });
    const instruction = await harness.channel.createPayment(input);
    harness.clock.advance(2 * 60_000);
    expect(await harness.channel.queryPayment(input.orderNumber)).toMatchObject({ status: 'closed' });
    const outcome = await harness.pay(instruction);
    expect(outcome.returnedTo?.searchParams.get('result')).toBe('closed');
  });

  it('returns a QR code pointing at the same pay page for qrPay', async () => {
    const input = order({ method: 'qrPay' });
    const instruction = await harness.channel.createPayment(input);
    expect(instruction).toEqual({ kind: 'qr', content: expect.stringContaining(`/sandbox/pay/${input.orderNumber}`) });
  });

  it('refuses requests signed with another secret as a configuration error', async () => {
    const error = await harness
      .make({ secret: 'not-the-secret' })
      .queryPayment('X1')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChannelRejectedError);
    expect(error).toMatchObject({ reason: 'configuration', channelCode: 'UNAUTHENTICATED' });
  });

  it('is unavailable (retry-safe) when the channel cannot be reached', async () => {
    const gone = await startSandboxChannelServer({ secret: SECRET });
    await gone.close();
    const channel = createSandboxChannel({ baseUrl: gone.baseUrl, secret: SECRET, timeoutMs: 500 });
    await expect(channel.queryPayment('X1')).rejects.toBeInstanceOf(ChannelUnavailableError);
  });

  it('lists payments and refunds of the day with fees in its CSV statement', async () => {
    const input = order({ amountFen: 10_000 });
    await harness.pay(await harness.channel.createPayment(input));
    const refund = await harness.channel.refund({
      orderNumber: input.orderNumber,
      refundNumber: 'RF1',
      amountFen: 2_500,
      reason: '退费',
    });
    harness.clock.advance(24 * 60 * 60_000);
    const payment = await harness.channel.queryPayment(input.orderNumber);
    const businessDate = new Date(Date.parse(payment.paidAt ?? '') + 8 * 3600_000).toISOString().slice(0, 10);
    const statement = await harness.channel.statement(businessDate);
    expect(statement).toMatchObject({ format: 'sandbox-csv', fileName: `sandbox-statement-${businessDate}.csv` });
    const lines = [];
    for await (const line of parseSandboxStatement(statement.body)) {
      if (line.orderNumber === input.orderNumber) lines.push(line);
    }
    expect(lines).toEqual([
      {
        kind: 'payment',
        orderNumber: input.orderNumber,
        channelTransactionId: payment.channelTransactionId,
        amountFen: 10_000,
        feeFen: 60,
        occurredAt: payment.paidAt,
      },
      {
        kind: 'refund',
        orderNumber: input.orderNumber,
        refundNumber: 'RF1',
        channelTransactionId: payment.channelTransactionId,
        amountFen: 2_500,
        feeFen: -15,
        occurredAt: refund.refundedAt,
      },
    ]);
  });
});
