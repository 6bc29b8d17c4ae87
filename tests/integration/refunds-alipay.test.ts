import { randomBytes } from 'node:crypto';
import {
  createAlipayChannel,
  generateAlipayKeys,
  type PaymentChannel,
  startAlipaySimulator,
} from '@platform/payment-channels';
import { createRefundService } from '@platform/refunds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStorage, type TestStorage } from '../support/dynamodb.ts';
import { createRefundWorld, DEPARTMENT, type RefundWorld } from '../support/refund-fixtures.ts';

let storage: TestStorage;
let world: RefundWorld;
let simulator: Awaited<ReturnType<typeof startAlipaySimulator>>;
let alipay: PaymentChannel;

beforeAll(async () => {
  storage = await createTestStorage();
  world = await createRefundWorld(storage.documents, storage.tableNames.payments);
  const keys = await generateAlipayKeys();
  simulator = await startAlipaySimulator({ keys, notificationRetryDelaysMs: [] });
  alipay = createAlipayChannel({
    appId: simulator.appId,
    appPrivateKey: keys.appPrivateKey,
    alipayPublicKey: keys.alipayPublicKey,
    baseUrl: simulator.baseUrl,
    sellerId: simulator.sellerId,
    products: ['qrPay'],
    timeoutMs: 1500,
  });
});

afterAll(async () => {
  await simulator?.close();
  await world?.server.close();
});

/** A notice paid through the Alipay simulator: 当面付 code, the payer's cashier page, the trade as Alipay has it. */
const paidThroughAlipay = async (amountFen: number) => {
  const notice = await world.issuedNotice(amountFen);
  const orderNumber = `AP${randomBytes(15).toString('hex').toUpperCase()}`;
  const instruction = await alipay.createPayment({
    orderNumber,
    amountFen,
    subject: '道路交通安全违法罚款',
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    returnUrl: 'http://127.0.0.1:9/return',
    notifyUrl: 'http://127.0.0.1:9/notify',
    method: 'qrPay',
  });
  if (instruction.kind !== 'qr') throw new Error('当面付 answers a QR code');
  const cashier = instruction.content;
  const action = /<form method="post" action="([^"]+)"/.exec(await (await fetch(cashier)).text())?.[1];
  if (!action) throw new Error('the simulator cashier has no pay form');
  await fetch(new URL(action, cashier), { method: 'POST', redirect: 'manual' });
  const state = await alipay.queryPayment(orderNumber);
  if (state.status !== 'paid' || !state.channelTransactionId) throw new Error('Alipay did not take the payment');
  await world.notices.markPaid({
    noticeId: notice.noticeId,
    paymentId: orderNumber,
    channel: 'alipay',
    channelTransactionId: state.channelTransactionId,
    amountFen,
    paidAt: new Date(),
  });
  return { notice, orderNumber };
};

describe('refunds through the Alipay simulator', () => {
  it('a lost answer of alipay.trade.refund leaves the refund executing; the resume refunds it exactly once', async () => {
    const deps = world.deps({ channelFor: (channel) => (channel === 'alipay' ? alipay : undefined) });
    const service = createRefundService(deps);
    const { notice, orderNumber } = await paidThroughAlipay(12_345);
    const { refundId } = await service.requestRefund(DEPARTMENT, notice.noticeId, {
      amountFen: 2_345,
      reason: '多缴退费',
    });
    await service.approveRefund(refundId, await world.grantOfficer());
    // Alipay carries the refund out, but its answer never reaches the platform.
    simulator.failNext('alipay.trade.refund', 'lost_answer');
    const left = await service.approveRefund(refundId, await world.grantOfficer());
    expect(left).toMatchObject({ state: 'executing', execution: { attempts: 1, lastError: expect.any(String) } });
    expect(simulator.trades.get(orderNumber)?.refunds).toHaveLength(1);

    const report = await service.resumePendingRefunds(new Date(Date.now() + 5 * 60_000));
    expect(report.executed.succeeded).toBe(1);
    expect(await world.store.get(refundId)).toMatchObject({ state: 'succeeded', execution: { attempts: 2 } });
    expect(simulator.trades.get(orderNumber)?.refunds).toMatchObject([{ outRequestNo: refundId, amountFen: 2_345 }]);
    expect(await world.notices.get(notice.noticeId)).toMatchObject({
      status: 'partially_refunded',
      refundedFen: 2_345,
    });
  });

  it('a refund Alipay refuses for good fails and releases the amount', async () => {
    const service = createRefundService(
      world.deps({ channelFor: (channel) => (channel === 'alipay' ? alipay : undefined) }),
    );
    const { notice, orderNumber } = await paidThroughAlipay(5_000);
    // Alipay's refund window closed: the simulator is told the trade is finished (TRADE_FINISHED refuses refunds).
    const trade = simulator.trades.get(orderNumber);
    if (!trade) throw new Error('no trade');
    trade.status = 'TRADE_FINISHED';
    const { refundId } = await service.requestRefund(DEPARTMENT, notice.noticeId, { amountFen: 5_000, reason: '退费' });
    await service.approveRefund(refundId, await world.grantOfficer());
    const failed = await service.approveRefund(refundId, await world.grantOfficer());
    expect(failed.state).toBe('failed');
    expect(await world.notices.get(notice.noticeId)).toMatchObject({ status: 'paid', refundedFen: 0 });
  });
});
