import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeClock } from '../test-support/fake-clock.ts';
import type { NotificationInbox } from '../test-support/notification-inbox.ts';
import { businessDateOf } from './business-date.ts';
import { CHANNEL_CAPABILITIES, type ChannelCapability, type PaymentMethod } from './capabilities.ts';
import {
  ChannelRejectedError,
  type ChannelRejectionReason,
  ChannelUnsupportedError,
  NotificationRejectedError,
  StatementNotReadyError,
} from './channel-errors.ts';
import type {
  ChannelStatement,
  CreatePaymentInput,
  IncomingNotification,
  ParsedNotification,
  PaymentChannel,
  PaymentInstruction,
} from './payment-channel.ts';

/**
 * The behaviour every `PaymentChannel` adapter must have, checked end to end against the channel (or its simulator)
 * over HTTP: the payer pays through the instruction, the channel notifies, the adapter verifies. Each adapter's test
 * supplies a harness that knows how a payer uses that channel.
 */
export interface ChannelHarness {
  readonly channel: PaymentChannel;
  /** The platform's notify endpoint, answering with `channel`'s acknowledgements. */
  readonly inbox: NotificationInbox;
  /** Shared by the adapter and the channel's server. */
  readonly clock: FakeClock;
  /** The payer opens the instruction without paying (so that the channel knows the order). */
  open(instruction: PaymentInstruction): Promise<void>;
  /** The payer pays through the instruction. `returnedTo`: where the browser was sent back, if anywhere. */
  pay(instruction: PaymentInstruction): Promise<{ readonly paid: boolean; readonly returnedTo?: URL }>;
  /** The channel sends the order's notifications again. */
  redeliver(orderNumber: string): Promise<void>;
  /** Variants of a genuine notification that must not verify (tampered fields, wrong key…). */
  forgeries(
    genuine: IncomingNotification,
  ): readonly { readonly label: string; readonly notification: IncomingNotification }[];
  /** The same adapter declaring everything but `capability`, or `undefined` when the channel cannot be so configured. */
  without(capability: ChannelCapability): PaymentChannel | undefined;
  /** The order numbers a statement lists. */
  statementOrderNumbers(statement: ChannelStatement): Promise<ReadonlySet<string>>;
  close(): Promise<void>;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

export const newOrderNumber = (prefix = 'ORD'): string => `${prefix}${randomBytes(8).toString('hex').toUpperCase()}`;

const expectRejected = async (promise: Promise<unknown>, reasons: readonly ChannelRejectionReason[]) => {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ChannelRejectedError);
  expect(reasons).toContain((error as ChannelRejectedError).reason);
  return error as ChannelRejectedError;
};

const invoke = (
  channel: PaymentChannel,
  capability: ChannelCapability,
  input: CreatePaymentInput,
): Promise<unknown> => {
  switch (capability) {
    case 'pagePay':
    case 'qrPay':
      return channel.createPayment({ ...input, method: capability });
    case 'query':
      return channel.queryPayment(input.orderNumber);
    case 'close':
      return channel.closePayment(input.orderNumber);
    case 'refund':
      return channel.refund({ orderNumber: input.orderNumber, refundNumber: 'RF1', amountFen: 1, reason: 'x' });
    case 'refundQuery':
      return channel.queryRefund({ orderNumber: input.orderNumber, refundNumber: 'RF1' });
    case 'notifications':
      return channel.parseNotification({ headers: {}, body: '' });
    case 'statements':
      return channel.statement('2025-01-01');
  }
};

export const describePaymentChannelContract = (name: string, makeHarness: () => Promise<ChannelHarness>): void => {
  describe(`PaymentChannel contract: ${name}`, () => {
    let harness: ChannelHarness;
    beforeAll(async () => {
      harness = await makeHarness();
    });
    afterAll(async () => {
      await harness?.close();
    });

    const order = (overrides: Partial<CreatePaymentInput> = {}): CreatePaymentInput => ({
      orderNumber: newOrderNumber(),
      amountFen: 12_300,
      subject: '不动产登记费 100% 测试',
      expiresAt: new Date(harness.clock.now() + 15 * MINUTE).toISOString(),
      returnUrl: harness.inbox.returnUrl,
      notifyUrl: harness.inbox.notifyUrl,
      ...overrides,
    });

    /** Creates, pays and returns the verified payment notification. */
    const paidOrder = async (method: PaymentMethod = 'pagePay', input: CreatePaymentInput = order({ method })) => {
      const instruction = await harness.channel.createPayment(input);
      const outcome = await harness.pay(instruction);
      expect(outcome.paid).toBe(true);
      const [received] = await harness.inbox.waitFor(input.orderNumber);
      if (!received) throw new Error('no notification');
      const genuine: IncomingNotification = { headers: received.headers, body: received.body };
      const parsed = await harness.channel.parseNotification(genuine);
      return { input, instruction, outcome, received, genuine, parsed };
    };

    it('declares known capabilities, paying by page among them', () => {
      expect(harness.channel.capabilities.size).toBeGreaterThan(0);
      for (const capability of harness.channel.capabilities) expect(CHANNEL_CAPABILITIES).toContain(capability);
      expect(harness.channel.capabilities.has('pagePay')).toBe(true);
    });

    it('knows nothing of an order it never saw', async () => {
      const unknown = newOrderNumber();
      expect(await harness.channel.queryPayment(unknown)).toEqual({ status: 'not_found' });
      expect(await harness.channel.queryRefund({ orderNumber: unknown, refundNumber: 'RF1' })).toEqual({
        status: 'not_found',
      });
    });

    it('takes a payment: the payer pays, the notification verifies and is acknowledged, the query says paid', async () => {
      const { input, outcome, received, parsed } = await paidOrder();
      expect(outcome.returnedTo?.toString().startsWith(input.returnUrl)).toBe(true);
      expect(parsed.event).toMatchObject({
        type: 'payment.succeeded',
        orderNumber: input.orderNumber,
        amountFen: 12_300,
      });
      expect(received.answeredWith).toEqual(parsed.acknowledgement);
      expect(parsed.retryAcknowledgement).not.toEqual(parsed.acknowledgement);
      const event = parsed.event as Extract<ParsedNotification['event'], { type: 'payment.succeeded' }>;
      expect(await harness.channel.queryPayment(input.orderNumber)).toEqual({
        status: 'paid',
        channelTransactionId: event.channelTransactionId,
        amountFen: 12_300,
        paidAt: event.paidAt,
      });
      expect(Date.parse(event.paidAt)).toBeGreaterThan(harness.clock.now() - MINUTE);
    });

    it('creates idempotently: asking twice for one order number leads to one payment', async () => {
      const input = order();
      const first = await harness.channel.createPayment(input);
      const second = await harness.channel.createPayment(input);
      expect(second.kind).toBe(first.kind);
      expect((await harness.pay(second)).paid).toBe(true);
      const notifications = await harness.inbox.waitFor(input.orderNumber);
      const ids = await Promise.all(
        notifications.map(async (n) => (await harness.channel.parseNotification(n)).event?.id),
      );
      expect(new Set(ids).size).toBe(1);
      expect(await harness.channel.queryPayment(input.orderNumber)).toMatchObject({
        status: 'paid',
        amountFen: 12_300,
      });
    });

    it('pays by QR code when it declares qrPay', async () => {
      if (!harness.channel.capabilities.has('qrPay')) return;
      const { instruction, parsed, input } = await paidOrder('qrPay');
      expect(instruction.kind).toBe('qr');
      expect(parsed.event).toMatchObject({ type: 'payment.succeeded', orderNumber: input.orderNumber });
    });

    it('refunds in part, idempotently on the refund number, and never beyond what was paid', async () => {
      const { input } = await paidOrder();
      const refund = {
        orderNumber: input.orderNumber,
        refundNumber: newOrderNumber('RF'),
        amountFen: 2_300,
        reason: '多缴退费',
      };
      const first = await harness.channel.refund(refund);
      expect(first).toMatchObject({
        status: 'succeeded',
        orderNumber: input.orderNumber,
        refundNumber: refund.refundNumber,
        amountFen: 2_300,
      });
      expect(await harness.channel.refund(refund)).toEqual(first);
      expect(await harness.channel.queryRefund(refund)).toEqual(first);

      const [notified] = await harness.inbox.waitFor(refund.refundNumber);
      if (!notified) throw new Error('no refund notification');
      const refunded = (await harness.channel.parseNotification(notified)).event;
      expect(refunded).toMatchObject({
        type: 'refund.succeeded',
        orderNumber: input.orderNumber,
        refundNumber: refund.refundNumber,
      });
      // The first refund: its own amount and the running total agree; each channel says one or both.
      const amounts = refunded as { amountFen?: number; refundedTotalFen?: number };
      expect(amounts.amountFen ?? amounts.refundedTotalFen).toBe(2_300);
      if (amounts.amountFen !== undefined && amounts.refundedTotalFen !== undefined) {
        expect(amounts.refundedTotalFen).toBe(amounts.amountFen);
      }

      await expectRejected(
        harness.channel.refund({ ...refund, refundNumber: newOrderNumber('RF'), amountFen: 10_001 }),
        ['refund_exceeds_paid'],
      );
      await expectRejected(harness.channel.refund({ ...refund, amountFen: 2_400 }), ['refund_conflict']);
      const rest = { ...refund, refundNumber: newOrderNumber('RF'), amountFen: 10_000 };
      expect(await harness.channel.refund(rest)).toMatchObject({ status: 'succeeded', amountFen: 10_000 });
      expect(await harness.channel.queryPayment(input.orderNumber)).toMatchObject({
        status: 'paid',
        amountFen: 12_300,
      });
      await expectRejected(harness.channel.refund({ ...refund, refundNumber: newOrderNumber('RF'), amountFen: 1 }), [
        'refund_exceeds_paid',
      ]);
    });

    it('refuses to refund an order that was never paid', async () => {
      const input = order();
      await harness.open(await harness.channel.createPayment(input));
      await expectRejected(
        harness.channel.refund({ orderNumber: input.orderNumber, refundNumber: 'RF1', amountFen: 100, reason: 'x' }),
        ['order_not_paid', 'order_not_found'],
      );
    });

    it('closes an unpaid payment, idempotently, after which it cannot be paid', async () => {
      const input = order();
      const instruction = await harness.channel.createPayment(input);
      await harness.open(instruction);
      expect(await harness.channel.closePayment(input.orderNumber)).toEqual({ status: 'closed' });
      expect(await harness.channel.closePayment(input.orderNumber)).toEqual({ status: 'closed' });
      expect(await harness.channel.queryPayment(input.orderNumber)).toMatchObject({ status: 'closed' });
      expect((await harness.pay(instruction)).paid).toBe(false);
      expect(await harness.channel.queryPayment(input.orderNumber)).toMatchObject({ status: 'closed' });
    });

    it('refuses to close a paid payment', async () => {
      const { input } = await paidOrder();
      await expectRejected(harness.channel.closePayment(input.orderNumber), ['order_paid']);
    });

    it('rejects forged notifications with the acknowledgement to send, and believes nothing in them', async () => {
      const { genuine, parsed } = await paidOrder();
      const forgeries = [
        ...harness.forgeries(genuine),
        { label: 'empty body', notification: { headers: genuine.headers, body: '' } },
        { label: 'garbage', notification: { headers: genuine.headers, body: 'sign=abc&trade_status=TRADE_SUCCESS' } },
      ];
      expect(forgeries.length).toBeGreaterThanOrEqual(4);
      for (const { label, notification } of forgeries) {
        const error = await harness.channel.parseNotification(notification).then(
          () => new Error(`${label} was accepted`),
          (caught: unknown) => caught,
        );
        expect(error, label).toBeInstanceOf(NotificationRejectedError);
        const { acknowledgement } = error as NotificationRejectedError;
        expect(acknowledgement, label).not.toEqual(parsed.acknowledgement);
        expect(acknowledgement.status, label).toBeGreaterThanOrEqual(400);
      }
    });

    it('parses duplicates and redeliveries to the same event id', async () => {
      const { input, genuine, parsed } = await paidOrder();
      expect((await harness.channel.parseNotification(genuine)).event?.id).toBe(parsed.event?.id);
      await harness.redeliver(input.orderNumber);
      const all = await harness.inbox.waitFor(input.orderNumber, { count: 2 });
      const ids = await Promise.all(all.map(async (n) => (await harness.channel.parseNotification(n)).event?.id));
      expect(new Set(ids)).toEqual(new Set([parsed.event?.id]));
    });

    it('throws ChannelUnsupportedError for every capability it is configured without, and does nothing', async () => {
      const removable = CHANNEL_CAPABILITIES.filter((capability) => harness.without(capability) !== undefined);
      expect(removable.length).toBeGreaterThan(0);
      for (const capability of removable) {
        const reduced = harness.without(capability) as PaymentChannel;
        expect(reduced.capabilities.has(capability)).toBe(false);
        const input = order();
        const error = await invoke(reduced, capability, input).then(
          () => undefined,
          (caught: unknown) => caught,
        );
        expect(error, capability).toBeInstanceOf(ChannelUnsupportedError);
        expect((error as ChannelUnsupportedError).capability).toBe(capability);
        if (capability !== 'query' && harness.channel.capabilities.has('query')) {
          expect(await harness.channel.queryPayment(input.orderNumber)).toEqual({ status: 'not_found' });
        }
      }
    });

    it('publishes the statement of a finished business day, listing its payments', async () => {
      // A harness of its own: this test moves the clock a day on.
      const own = await makeHarness();
      try {
        const input: CreatePaymentInput = {
          ...order(),
          expiresAt: new Date(own.clock.now() + 15 * MINUTE).toISOString(),
          returnUrl: own.inbox.returnUrl,
          notifyUrl: own.inbox.notifyUrl,
        };
        expect((await own.pay(await own.channel.createPayment(input))).paid).toBe(true);
        const refund = {
          orderNumber: input.orderNumber,
          refundNumber: newOrderNumber('RF'),
          amountFen: 300,
          reason: '退费',
        };
        await own.channel.refund(refund);
        const businessDate = businessDateOf(own.clock.now());
        await expect(own.channel.statement(businessDate)).rejects.toBeInstanceOf(StatementNotReadyError);
        own.clock.advance(DAY);
        const statement = await own.channel.statement(businessDate);
        expect(statement).toMatchObject({ channel: own.channel.id, businessDate });
        expect(await own.statementOrderNumbers(statement)).toContain(input.orderNumber);
      } finally {
        await own.close();
      }
    });
  });
};
