import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand } from '@platform/dynamodb';
import { businessDayBounds, type ChannelId } from '@platform/payment-channels';
import { settledIndexKeys } from '@platform/payment-notices';
import {
  DiscrepancyService,
  DynamoDbRunStore,
  DynamoDbWorkflowStore,
  dailySummary,
  LocalStatementArchive,
  monthlySummary,
  type ReconcileDayDependencies,
  RunConflictError,
  readSettledRecords,
  reconcileDay,
  StatementFormatError,
  StatementHashMismatchError,
  StatementTamperedError,
  StatementWrongDayError,
  summaryCsv,
} from '@platform/reconciliation';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alipayBillZip,
  type BookedPayment,
  chunked,
  sandboxCsv,
  wechatPayBill,
} from '../../packages/reconciliation/src/test-support/statement-files.ts';
import { createTestStorage, type TestStorage } from '../support/dynamodb.ts';

const DATE = '2026-11-22';
const { startMs, endMs } = businessDayBounds(DATE);
const at = (hours: number) => startMs + hours * 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

let storage: TestStorage;
let stateDir: string;
let deps: ReconcileDayDependencies;
let runs: DynamoDbRunStore;
let service: DiscrepancyService;

/** A settled payment or refund as `markPaid` and the refunds stream write it (the contract's shape). */
const settle = async (
  channel: ChannelId,
  kind: 'payment' | 'refund',
  orderNumber: string,
  amountFen: number,
  when: number,
  extra: { refundNumber?: string; departmentId?: string; itemCode?: string } = {},
) => {
  const id = kind === 'payment' ? orderNumber : (extra.refundNumber as string);
  await storage.documents.send(
    new PutCommand({
      TableName: storage.tableNames.payments,
      Item: {
        pk: kind === 'payment' ? `PAYMENT#${id}` : `REFUND#${id}`,
        sk: kind === 'payment' ? 'PAYMENT' : 'REFUND',
        ...settledIndexKeys(channel, kind, id, iso(when)),
        kind,
        orderNumber: id,
        ...(kind === 'refund' ? { paymentId: orderNumber, refundId: id } : { paymentId: id }),
        channel,
        channelTransactionId: `tx-${id}`,
        amountFen,
        noticeId: `N-${orderNumber}`,
        departmentId: extra.departmentId ?? 'DEPT-LAND',
        itemCode: extra.itemCode ?? 'ITEM-REG',
        settledAt: iso(when),
      },
    }),
  );
};

// What the channels booked: every class, a duplicate, a refund, a pre-midnight payment (yesterday 23:58 Beijing).
const booked = (prefix: string): BookedPayment[] => [
  { orderNumber: `${prefix}-M1`, amountFen: 10_000, paidAt: at(2) },
  {
    orderNumber: `${prefix}-M2`,
    amountFen: 5_000,
    paidAt: at(3),
    refunds: [{ refundNumber: `${prefix}-RF2`, amountFen: 2_000, at: at(6) }],
  },
  { orderNumber: `${prefix}-OV`, amountFen: 3_000, paidAt: at(4) },
  { orderNumber: `${prefix}-DUP`, amountFen: 4_000, paidAt: at(5), twice: true },
  { orderNumber: `${prefix}-AM`, amountFen: 7_100, paidAt: at(7) },
  { orderNumber: `${prefix}-PRE`, amountFen: 9_000, paidAt: startMs - 2 * 60_000 + 30_000 },
];

const seedPlatform = async (channel: ChannelId, prefix: string) => {
  await settle(channel, 'payment', `${prefix}-M1`, 10_000, at(2), {
    departmentId: 'DEPT-PASSPORT',
    itemCode: 'ITEM-PP',
  });
  await settle(channel, 'payment', `${prefix}-M2`, 5_000, at(3));
  await settle(channel, 'refund', `${prefix}-M2`, 2_000, at(6), { refundNumber: `${prefix}-RF2` });
  await settle(channel, 'payment', `${prefix}-DUP`, 4_000, at(5));
  await settle(channel, 'payment', `${prefix}-AM`, 7_000, at(7));
  await settle(channel, 'payment', `${prefix}-SH`, 6_000, at(8));
  // Paid 23:58 Beijing the day before: in yesterday's partition, read through the window.
  await settle(channel, 'payment', `${prefix}-PRE`, 9_000, startMs - 2 * 60_000);
  // 23:55 Beijing today: deferred to tomorrow, not a shortage yet.
  await settle(channel, 'payment', `${prefix}-LATE`, 2_500, endMs - 5 * 60_000);
};

const upload = (fileName: string, bytes: Uint8Array, extra: { expectedSha1?: string } = {}) =>
  ({ from: 'upload', fileName, body: chunked(bytes, 4096), ...extra }) as const;

beforeAll(async () => {
  storage = await createTestStorage();
  stateDir = await mkdtemp(join(tmpdir(), 'reconciliation-'));
  runs = new DynamoDbRunStore({ documents: storage.documents, tableName: storage.tableNames.payments });
  deps = {
    archive: new LocalStatementArchive({ stateDir }),
    runs,
    windowMinutes: 10,
    platformRecords: (channel, businessDate, windowMinutes) =>
      readSettledRecords({
        documents: storage.documents,
        tableName: storage.tableNames.payments,
        channel,
        businessDate,
        windowMinutes,
        pageSize: 3,
      }),
  };
  service = new DiscrepancyService({
    runs,
    workflow: new DynamoDbWorkflowStore({ documents: storage.documents, tableName: storage.tableNames.payments }),
  });
  await seedPlatform('sandbox', 'S');
  await seedPlatform('alipay', 'A');
  await seedPlatform('wechat-pay', 'W');
});

afterAll(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

// M1, M2, its refund, the first DUP line (and on the sandbox statement, which books by the payment's own time, PRE).
const EXPECTED_COUNTS = { matched: 4, overage: 2, shortage: 1, amount_mismatch: 1, status_mismatch: 0 };

describe('a recorded run', () => {
  it('reconciles a sandbox statement read from the settled index page by page, and records it', async () => {
    const run = await reconcileDay(deps, {
      channel: 'sandbox',
      businessDate: DATE,
      statement: upload('sandbox.csv', sandboxCsv(booked('S'))),
      triggeredBy: 'test:officer-1',
    });
    expect(run.counts).toEqual({ ...EXPECTED_COUNTS, matched: 5 });
    expect(run.deferred).toEqual([{ channel: 'sandbox', kind: 'payment', orderNumber: 'S-LATE' }]);
    expect(run.totals.all.matched).toMatchObject({
      count: 5,
      statementFen: 10_000 + 5_000 - 2_000 + 4_000 + 9_000,
      refundCount: 1,
      refundStatementFen: -2_000,
    });
    expect(run.totals.byDepartment['DEPT-PASSPORT']?.matched.count).toBe(1);

    const current = await runs.currentRun('sandbox', DATE);
    expect(current).toMatchObject({ runId: run.runId, runDigest: run.runDigest, triggeredBy: 'test:officer-1' });
    expect(current?.totals).toEqual(run.totals);
    expect(current?.statement.sha256).toMatch(/^[0-9a-f]{64}$/);
    const stored = await readdir(join(stateDir, 'statements', 'sandbox', DATE));
    expect(stored).toContain(`${current?.statement.sha256}-sandbox.csv`);

    const listed = [];
    for await (const view of service.listDiscrepancies('sandbox', DATE)) listed.push(view);
    expect(listed.map((v) => [v.discrepancy.class, v.discrepancy.key.orderNumber, v.state.status]).sort()).toEqual(
      [
        ['amount_mismatch', 'S-AM', 'open'],
        ['overage', 'S-DUP', 'open'],
        ['overage', 'S-OV', 'open'],
        ['shortage', 'S-SH', 'open'],
      ].sort(),
    );
  });

  it.each([
    ['alipay', 'A', (b: BookedPayment[]) => upload('alipay.zip', alipayBillZip(b, DATE))],
    [
      'wechat-pay',
      'W',
      (b: BookedPayment[]) => {
        const { csv, sha1 } = wechatPayBill(b, DATE);
        return upload('wechat.csv', csv, { expectedSha1: sha1 });
      },
    ],
  ] as const)('classifies a %s statement the same way', async (channel, prefix, statement) => {
    const run = await reconcileDay(deps, {
      channel,
      businessDate: DATE,
      statement: statement(booked(prefix)),
      triggeredBy: 'test',
    });
    expect(run.counts).toEqual(EXPECTED_COUNTS);
  });

  it('re-running replaces the run, keeps discrepancy ids and their workflow, and retires the old items', async () => {
    const before = await runs.currentRun('sandbox', DATE);
    const ids = [];
    for await (const view of service.listDiscrepancies('sandbox', DATE)) ids.push(view.discrepancy.discrepancyId);
    const shortage = (await collectViews('sandbox')).find((v) => v.discrepancy.key.orderNumber === 'S-SH');
    await service.assign(shortage?.discrepancy.discrepancyId as string, 'officer-2', 'officer-1');

    const again = await reconcileDay(deps, {
      channel: 'sandbox',
      businessDate: DATE,
      statement: { from: 'archive' },
      triggeredBy: 'test:rerun',
    });
    expect(again.runId).not.toBe(before?.runId);
    expect(again.previousRunId).toBe(before?.runId);
    expect(again.runDigest).toBe(before?.runDigest);
    const after = await collectViews('sandbox');
    expect(after.map((v) => v.discrepancy.discrepancyId).sort()).toEqual(ids.sort());
    expect(after.every((v) => v.discrepancy.runId === again.runId)).toBe(true);
    expect(after.find((v) => v.discrepancy.key.orderNumber === 'S-SH')?.state).toMatchObject({
      status: 'assigned',
      assignee: 'officer-2',
    });
  });

  it('a run that lost the race to another run of the same day is refused', async () => {
    const current = await runs.currentRun('sandbox', DATE);
    const stale = { ...(current as NonNullable<typeof current>), runId: 'stale-run', previousRunId: 'not-the-current' };
    await expect(runs.commit(stale, runs.openDraft('stale-run'))).rejects.toBeInstanceOf(RunConflictError);
    expect((await runs.currentRun('sandbox', DATE))?.runId).toBe(current?.runId);
  });
});

const collectViews = async (channel: ChannelId) => {
  const out = [];
  for await (const view of service.listDiscrepancies(channel, DATE)) out.push(view);
  return out;
};

describe('bad input records no run', () => {
  const text = sandboxCsv(booked('S')).toString('utf8');
  const lines = text.split('\n');

  it.each([
    [
      'a malformed line',
      Buffer.from(lines.map((l, i) => (i === 3 ? 'payment,oops' : l)).join('\n')),
      StatementFormatError,
      4,
    ],
    ['an empty file', Buffer.alloc(0), StatementFormatError, 0],
    ['an unknown column', Buffer.from(text.replace('amount_fen', 'amount_yuan')), StatementFormatError, 1],
    ['a wrong encoding', Buffer.concat([Buffer.from(text), Buffer.from([0xff, 0xfe, 0x0a])]), StatementFormatError, 10],
    ['a statement for another day', Buffer.from(text.replaceAll('2026-11-2', '2026-10-2')), StatementWrongDayError, 2],
  ])('%s: a clear error naming the line, the previous run stays current', async (_, bytes, type, lineNumber) => {
    const before = await runs.currentRun('sandbox', DATE);
    const error = await reconcileDay(deps, {
      channel: 'sandbox',
      businessDate: DATE,
      statement: upload('bad.csv', bytes),
      triggeredBy: 'test',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({ lineNumber });
    expect((await runs.currentRun('sandbox', DATE))?.runId).toBe(before?.runId);
  });

  it('a truncated Alipay zip (fresh day: no run at all) and a tampered WeChat Pay hash (previous run stays)', async () => {
    const day = '2026-11-21';
    const dayBefore = booked('A').map((b) => ({ ...b, paidAt: b.paidAt - 86_400_000, refunds: [] }));
    const zip = alipayBillZip(dayBefore, day);
    const cut = await reconcileDay(deps, {
      channel: 'alipay',
      businessDate: day,
      statement: upload('cut.zip', zip.subarray(0, Math.floor(zip.length * 0.7))),
      triggeredBy: 'test',
    }).catch((e: unknown) => e);
    expect(cut).toBeInstanceOf(StatementFormatError);
    expect(await runs.currentRun('alipay', day)).toBeUndefined();

    const before = await runs.currentRun('wechat-pay', DATE);
    const { csv } = wechatPayBill(booked('W'), DATE);
    await expect(
      reconcileDay(deps, {
        channel: 'wechat-pay',
        businessDate: DATE,
        statement: upload('w.csv', csv, { expectedSha1: '0'.repeat(40) }),
        triggeredBy: 'test',
      }),
    ).rejects.toBeInstanceOf(StatementHashMismatchError);
    expect((await runs.currentRun('wechat-pay', DATE))?.runId).toBe(before?.runId);
  });

  it('a stored statement changed on disk is refused', async () => {
    const stored = await deps.archive.latest('sandbox', DATE);
    const before = await runs.currentRun('sandbox', DATE);
    await writeFile(stored?.location as string, Buffer.from(text.replace('10000', '10001')));
    await expect(
      reconcileDay(deps, { channel: 'sandbox', businessDate: DATE, statement: { from: 'archive' }, triggeredBy: 't' }),
    ).rejects.toBeInstanceOf(StatementTamperedError);
    expect((await runs.currentRun('sandbox', DATE))?.runId).toBe(before?.runId);
  });
});

describe('discrepancy workflow', () => {
  it('assigns, comments, escalates and resolves with an audit trail; refuses what the state does not allow', async () => {
    const view = (await collectViews('alipay')).find((v) => v.discrepancy.class === 'overage');
    const id = view?.discrepancy.discrepancyId as string;
    await service.assign(id, 'officer-2', 'lead-1');
    await service.comment(id, 'Payer called: paid the wrong notice, "A-OV", 错单', 'officer-2');
    await service.escalate(id, 'Needs the department to confirm', 'officer-2');
    await expect(service.resolve(id, 'other', 'officer-2')).rejects.toMatchObject({
      code: 'discrepancy_action_invalid',
    });
    const resolved = await service.resolve(id, 'refund_to_payer', 'lead-1', 'Refund R-1 requested');
    expect(resolved).toMatchObject({ status: 'resolved', resolution: { reason: 'refund_to_payer', by: 'lead-1' } });
    await expect(service.escalate(id, 'again', 'officer-2')).rejects.toMatchObject({
      code: 'discrepancy_transition_not_allowed',
    });
    const detail = await service.getDiscrepancy(id);
    expect(detail.audit.map((e) => [e.sequence, e.action, e.actor, e.from, e.to])).toEqual([
      [1, 'assign', 'lead-1', 'open', 'assigned'],
      [2, 'comment', 'officer-2', 'assigned', 'assigned'],
      [3, 'escalate', 'officer-2', 'assigned', 'escalated'],
      [4, 'resolve', 'lead-1', 'escalated', 'resolved'],
    ]);
    expect(detail.audit.every((e) => !Number.isNaN(Date.parse(e.at)))).toBe(true);
  });

  it('of two officers resolving at once, exactly one resolution is recorded', async () => {
    const view = (await collectViews('wechat-pay')).find((v) => v.discrepancy.class === 'shortage');
    const id = view?.discrepancy.discrepancyId as string;
    const outcomes = await Promise.allSettled([
      service.resolve(id, 'late_notification_applied', 'officer-a'),
      service.resolve(id, 'channel_error_confirmed', 'officer-b'),
    ]);
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
    expect((await service.getDiscrepancy(id)).audit).toHaveLength(1);
  });

  it('an id that is not in a current run is not found', async () => {
    await expect(service.comment('sandbox.2026-11-22.000000000000000000000000', 'x', 'o')).rejects.toMatchObject({
      code: 'discrepancy_not_found',
    });
  });
});

describe('reports', () => {
  it('sums the day and the month from the run records, and exports CSV for Excel', async () => {
    const day = await dailySummary(runs, DATE, ['sandbox', 'alipay', 'wechat-pay']);
    // Per channel: statement payments 10000+5000+3000+4000*2+7100 (+9000 PRE on the sandbox's), refunds 2000.
    const collected = 10_000 + 5_000 + 3_000 + 8_000 + 7_100;
    expect(day.total).toMatchObject({
      collectedFen: 3 * collected + 9_000,
      refundedFen: 3 * 2_000,
      matchedCount: 13,
      discrepancyCount: 12,
    });
    expect(day.total.netFen).toBe(day.total.collectedFen - day.total.refundedFen - day.total.feesFen);
    expect(day.rows.filter((r) => r.scope === 'channel').map((r) => r.key)).toEqual([
      'alipay',
      'sandbox',
      'wechat-pay',
    ]);
    const month = await monthlySummary(runs, '2026-11');
    expect(month.total).toEqual(day.total);
    let csv = '';
    for await (const chunk of summaryCsv(day)) csv += chunk;
    expect(csv.startsWith('\uFEFF期间 period,')).toBe(true);
    expect(csv).toContain('\r\n2026-11-22,total,,');
    expect(csv.split('\r\n').length).toBe(day.rows.length + 3);
  });
});
