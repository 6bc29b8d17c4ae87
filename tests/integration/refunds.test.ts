import { GetCommand } from '@platform/dynamodb';
import { ChannelUnavailableError, type PaymentChannel } from '@platform/payment-channels';
import { settledIndexKeys } from '@platform/payment-notices';
import { createRefundService, type Refund } from '@platform/refunds';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStorage, type TestStorage } from '../support/dynamodb.ts';
import { createRefundWorld, DEPARTMENT, PAYER_ID_NUMBER, type RefundWorld } from '../support/refund-fixtures.ts';

let storage: TestStorage;
let world: RefundWorld;

beforeAll(async () => {
  storage = await createTestStorage();
  world = await createRefundWorld(storage.documents, storage.tableNames.payments);
});

afterAll(async () => {
  await world?.server.close();
});

const reason = { reason: '多缴退费' };

describe('refund approvals', () => {
  it('needs two distinct finance officers, then refunds once through the channel and indexes the settled money', async () => {
    const service = createRefundService(world.deps());
    const { notice, orderNumber } = await world.paidNotice(10_000);
    const first = await world.grantOfficer();
    const second = await world.grantOfficer();
    const requested = await service.requestRefund(DEPARTMENT, notice.noticeId, { amountFen: 3_000, ...reason });
    expect(requested).toMatchObject({
      state: 'requested',
      amountFen: 3_000,
      channel: 'sandbox',
      paymentId: orderNumber,
    });
    expect(await world.notices.get(notice.noticeId)).toMatchObject({
      status: 'partially_refunded',
      refundedFen: 3_000,
    });

    const once = await service.approveRefund(requested.refundId, first);
    expect(once).toMatchObject({ state: 'requested', approvals: [{ officerIndex: first.officerIndex }] });
    await expect(service.approveRefund(requested.refundId, first)).rejects.toMatchObject({
      code: 'refund_already_approved_by_officer',
    });
    expect(await world.refundsAtSandbox(orderNumber)).toHaveLength(0);

    const done = await service.approveRefund(requested.refundId, second);
    expect(done).toMatchObject({ state: 'succeeded', hooksPending: false, execution: { attempts: 1 } });
    expect(done.approvals.map((approval) => approval.officerIndex)).toEqual([first.officerIndex, second.officerIndex]);
    expect(await world.refundsAtSandbox(orderNumber)).toMatchObject([
      { refundNumber: requested.refundId, amountFen: 3_000 },
    ]);
    expect(world.hooks.succeeded.filter((refund) => refund.refundId === requested.refundId)).toHaveLength(1);

    // The settled-money index of reconciliation: the contract's keys and attributes.
    const { Item: record } = await storage.documents.send(
      new GetCommand({
        TableName: storage.tableNames.payments,
        Key: { pk: `REFUND#${requested.refundId}`, sk: 'REFUND' },
      }),
    );
    const settledAt = done.settlement?.refundedAt as string;
    expect(record).toMatchObject({
      ...settledIndexKeys('sandbox', 'refund', requested.refundId, settledAt),
      kind: 'refund',
      orderNumber: requested.refundId,
      channel: 'sandbox',
      channelTransactionId: notice.payment?.channelTransactionId,
      amountFen: 3_000,
      noticeId: notice.noticeId,
      departmentId: DEPARTMENT,
      itemCode: '103050101',
      settledAt,
    });
    expect(record).not.toHaveProperty('gsi2pk');
  });

  it('accepts only active refund approvers of a bureau covering the notice’s region', async () => {
    const service = createRefundService(world.deps());
    const { notice } = await world.paidNotice(5_000);
    const { refundId } = await service.requestRefund(DEPARTMENT, notice.noticeId, { amountFen: 100, ...reason });
    const reconciler = await world.grantOfficer(['reconciler']);
    const shanghai = await world.grantOfficer(['refund_approver'], '310000');
    const revoked = await world.grantOfficer();
    await world.officers.revoke(revoked.idNumber);
    // An officer who paid the notice themselves may not approve its refund.
    const payer = await world.grantOfficer(['refund_approver'], '110000', PAYER_ID_NUMBER);
    for (const officer of [reconciler, shanghai, revoked, payer, { officerIndex: 'not-an-officer-index-0000' }]) {
      await expect(service.approveRefund(refundId, officer)).rejects.toMatchObject({
        code: 'officer_not_authorised',
        status: 403,
      });
    }
    expect(await world.store.get(refundId)).toMatchObject({ state: 'requested', approvals: [], version: 1 });
  });

  it('is rejected by any one officer with a reason, which releases the amount on the notice', async () => {
    const service = createRefundService(world.deps());
    const { notice, orderNumber } = await world.paidNotice(10_000);
    const officer = await world.grantOfficer();
    const other = await world.grantOfficer();
    const { refundId } = await service.requestRefund(DEPARTMENT, notice.noticeId, { amountFen: 10_000, ...reason });
    expect(await world.notices.get(notice.noticeId)).toMatchObject({ status: 'refunded', refundedFen: 10_000 });
    await service.approveRefund(refundId, officer);

    await expect(service.rejectRefund(refundId, other, '')).rejects.toMatchObject({ code: 'invalid_rejection_reason' });
    const rejected = await service.rejectRefund(refundId, other, '未提供缴款凭证');
    expect(rejected).toMatchObject({ state: 'rejected', rejection: { reason: '未提供缴款凭证' }, hooksPending: false });
    expect(await world.notices.get(notice.noticeId)).toMatchObject({ status: 'paid', refundedFen: 0 });
    const ledger = await world.notices.readLedger(notice.noticeId);
    expect(ledger.at(-1)).toMatchObject({ type: 'refund.released', refundId, amountFen: 10_000, reason: 'rejected' });
    expect(world.hooks.rejected.map((refund) => refund.refundId)).toContain(refundId);

    await expect(service.approveRefund(refundId, other)).rejects.toMatchObject({ code: 'refund_state_conflict' });
    await expect(service.rejectRefund(refundId, officer, 'again')).rejects.toMatchObject({
      code: 'refund_state_conflict',
    });
    expect(await world.refundsAtSandbox(orderNumber)).toHaveLength(0);
    // The released amount can be asked for again.
    await expect(
      service.requestRefund(DEPARTMENT, notice.noticeId, { amountFen: 10_000, ...reason }),
    ).resolves.toMatchObject({ state: 'requested' });
  });
});

describe('concurrent refunds', () => {
  it('20 concurrent requests of 30% each: exactly 3 are committed, the sum never exceeds what was paid', async () => {
    const service = createRefundService(world.deps());
    const { notice, orderNumber } = await world.paidNotice(10_000);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, () =>
        service.requestRefund(DEPARTMENT, notice.noticeId, { amountFen: 3_000, ...reason }),
      ),
    );
    const committed = outcomes.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
    expect(committed).toHaveLength(3);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') {
        expect(outcome.reason).toMatchObject({ code: 'refund_exceeds_paid', status: 409 });
      }
    }
    expect(await world.notices.get(notice.noticeId)).toMatchObject({ paidFen: 10_000, refundedFen: 9_000 });
    const listed = await service.listNoticeRefunds(DEPARTMENT, notice.noticeId);
    expect(listed.map((refund) => refund.refundId).sort()).toEqual(committed.map((refund) => refund.refundId).sort());

    // All three approved by two officers at once: the channel refunds exactly 9,000 fen, once each.
    const [first, second] = [await world.grantOfficer(), await world.grantOfficer()];
    await Promise.all(
      committed.flatMap((refund) => [
        service.approveRefund(refund.refundId, first),
        service.approveRefund(refund.refundId, second),
      ]),
    );
    const final = await Promise.all(committed.map((refund) => world.store.get(refund.refundId)));
    expect(final.map((refund) => refund?.state)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    const atSandbox = await world.refundsAtSandbox(orderNumber);
    expect(atSandbox).toHaveLength(3);
    expect(atSandbox.reduce((sum, refund) => sum + refund.amountFen, 0)).toBe(9_000);
  });
});

describe('refund execution', () => {
  it('a refund the channel refuses fails and releases its amount', async () => {
    const service = createRefundService(world.deps());
    // Recorded as paid, but the sandbox never saw the order: it refuses the refund for good.
    const { notice } = await world.paidNotice(8_000, { paidAtChannel: false });
    const { refundId } = await service.requestRefund(DEPARTMENT, notice.noticeId, { amountFen: 8_000, ...reason });
    await service.approveRefund(refundId, await world.grantOfficer());
    const failed = await service.approveRefund(refundId, await world.grantOfficer());
    expect(failed).toMatchObject({ state: 'failed', failure: { reason: 'order_not_found' }, hooksPending: false });
    expect(await world.notices.get(notice.noticeId)).toMatchObject({ status: 'paid', refundedFen: 0 });
    expect((await world.notices.readLedger(notice.noticeId)).at(-1)).toMatchObject({
      type: 'refund.released',
      reason: 'failed',
    });
    expect(world.hooks.failed.map((refund) => refund.refundId)).toContain(refundId);
  });

  it('a refund left executing by a lost answer is resumed with the same number and refunded once', async () => {
    const { notice, orderNumber } = await world.paidNotice(6_000);
    // The channel makes the refund, but its answer never arrives (a timeout, a crash right after the call).
    const losingAnswers: PaymentChannel = {
      ...world.sandbox,
      refund: async (input) => {
        await world.sandbox.refund(input);
        throw new ChannelUnavailableError('sandbox', 'The sandbox did not answer in time.');
      },
    };
    const crashing = createRefundService(world.deps({ channelFor: () => losingAnswers }));
    const { refundId } = await crashing.requestRefund(DEPARTMENT, notice.noticeId, { amountFen: 2_000, ...reason });
    await crashing.approveRefund(refundId, await world.grantOfficer());
    const left = await crashing.approveRefund(refundId, await world.grantOfficer());
    expect(left).toMatchObject({ state: 'executing', execution: { attempts: 1, lastError: expect.any(String) } });
    expect(await world.refundsAtSandbox(orderNumber)).toHaveLength(1);

    const scheduler = createRefundService(world.deps());
    // Not yet stale: a live attempt is never overtaken.
    await scheduler.resumePendingRefunds(new Date());
    expect(await world.store.get(refundId)).toMatchObject({ state: 'executing' });
    // Two schedulers at once, a few minutes later.
    const later = new Date(Date.now() + 5 * 60_000);
    await Promise.all([scheduler.resumePendingRefunds(later), scheduler.resumePendingRefunds(later)]);
    expect(await world.store.get(refundId)).toMatchObject({ state: 'succeeded', hooksPending: false });
    expect(await world.refundsAtSandbox(orderNumber)).toMatchObject([{ refundNumber: refundId, amountFen: 2_000 }]);
    expect(await world.notices.get(notice.noticeId)).toMatchObject({ refundedFen: 2_000 });
  });

  it('a refund approved while its channel was not reachable here is carried on by resumePendingRefunds', async () => {
    const { notice, orderNumber } = await world.paidNotice(4_000);
    const withoutChannel = createRefundService(world.deps({ channelFor: () => undefined }));
    const { refundId } = await withoutChannel.requestRefund(DEPARTMENT, notice.noticeId, {
      amountFen: 4_000,
      ...reason,
    });
    await withoutChannel.approveRefund(refundId, await world.grantOfficer());
    expect(await withoutChannel.approveRefund(refundId, await world.grantOfficer())).toMatchObject({
      state: 'executing',
    });
    const report = await createRefundService(world.deps()).resumePendingRefunds(new Date(Date.now() + 5 * 60_000));
    expect(report.executed.succeeded).toBeGreaterThanOrEqual(1);
    expect(await world.store.get(refundId)).toMatchObject({ state: 'succeeded', execution: { attempts: 2 } });
    expect(await world.refundsAtSandbox(orderNumber)).toHaveLength(1);
  });

  it('runs failed hooks again on resume, until they succeed', async () => {
    let failing = true;
    const calls: Refund[] = [];
    const flaky = world.deps({
      hooks: {
        onRefundSucceeded: async (refund) => {
          calls.push(refund);
          if (failing) throw new Error('receipts unavailable');
        },
      },
    });
    const service = createRefundService(flaky);
    const { notice } = await world.paidNotice(3_000);
    const { refundId } = await service.requestRefund(DEPARTMENT, notice.noticeId, { amountFen: 1_000, ...reason });
    await service.approveRefund(refundId, await world.grantOfficer());
    expect(await service.approveRefund(refundId, await world.grantOfficer())).toMatchObject({
      state: 'succeeded',
      hooksPending: true,
    });
    failing = false;
    const report = await service.resumePendingRefunds(new Date(Date.now() + 5 * 60_000));
    expect(report.hooksRun).toBeGreaterThanOrEqual(1);
    expect(await world.store.get(refundId)).toMatchObject({ hooksPending: false });
    expect(calls.filter((refund) => refund.refundId === refundId)).toHaveLength(2);
  });
});

describe('refund requests', () => {
  it('refuses bad input, unpaid notices and other departments’ notices, recording nothing', async () => {
    const service = createRefundService(world.deps());
    const { notice } = await world.paidNotice(5_000);
    const cases: [Record<string, unknown>, string][] = [
      [{ amountFen: 0 }, 'amount_not_positive'],
      [{ amountFen: -100 }, 'amount_not_positive'],
      [{ amountFen: 10.5 }, 'amount_not_integer'],
      [{ amountFen: 100_000_000_001 }, 'amount_too_large'],
      [{ amountFen: 5_001 }, 'refund_exceeds_paid'],
      [{ amountFen: 100, reason: '' }, 'invalid_refund_reason'],
      [{ amountFen: 100, refundId: 'bad#id' }, 'invalid_refund_id'],
    ];
    for (const [body, code] of cases) {
      await expect(
        service.requestRefund(DEPARTMENT, notice.noticeId, { ...reason, ...body }),
        code,
      ).rejects.toMatchObject({ code });
    }
    await expect(
      service.requestRefund('bj-education-exams', notice.noticeId, { amountFen: 100, ...reason }),
    ).rejects.toMatchObject({ code: 'notice_not_found' });
    const unpaid = await world.issuedNotice(5_000);
    await expect(
      service.requestRefund(DEPARTMENT, unpaid.noticeId, { amountFen: 100, ...reason }),
    ).rejects.toMatchObject({ code: 'notice_state_conflict', status: 409 });
    expect(await world.notices.readLedger(unpaid.noticeId)).toHaveLength(1);
    expect(await world.notices.readLedger(notice.noticeId)).toHaveLength(2);
    expect(await world.notices.get(notice.noticeId)).toMatchObject({ status: 'paid', refundedFen: 0 });
  });

  it('is idempotent on the refund id: the same request answers the same refund, another is refused', async () => {
    const service = createRefundService(world.deps());
    const { notice } = await world.paidNotice(5_000);
    const body = { refundId: `RF-${notice.noticeId.slice(0, 10)}`, amountFen: 1_000, ...reason };
    const [a, b] = await Promise.all([
      service.requestRefund(DEPARTMENT, notice.noticeId, body),
      service.requestRefund(DEPARTMENT, notice.noticeId, body),
    ]);
    expect(a.refundId).toBe(b.refundId);
    await expect(
      service.requestRefund(DEPARTMENT, notice.noticeId, { ...body, amountFen: 2_000 }),
    ).rejects.toMatchObject({ code: 'refund_id_in_use', status: 409 });
    expect(await world.notices.get(notice.noticeId)).toMatchObject({ refundedFen: 1_000 });
    await expect(service.getDepartmentRefund('bj-education-exams', a.refundId)).rejects.toMatchObject({
      code: 'refund_not_found',
    });
  });
});
