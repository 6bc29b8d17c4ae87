import { describe, expect, it } from 'vitest';
import { parseAlipayBill } from '../statement/alipay-bill-parser.ts';
import { parseSandboxStatement } from '../statement/sandbox-statement-parser.ts';
import { digestingBody } from '../statement/statement-digest.ts';
import { StatementFormatError, StatementHashMismatchError } from '../statement/statement-errors.ts';
import type { StatementLine } from '../statement/statement-line.ts';
import { parseWechatPayBill } from '../statement/wechat-pay-bill-parser.ts';
import {
  alipayBillZip,
  type BookedPayment,
  chunked,
  feeFen,
  sandboxCsv,
  wechatPayBill,
} from '../test-support/statement-files.ts';
import { PlatformRecordError } from './platform-index.ts';
import type { PlatformRecord } from './platform-record.ts';
import { type Discrepancy, type ReconcileInput, reconcile, StatementWrongDayError } from './reconcile.ts';

const DATE = '2025-03-01'; // Beijing day = [2025-02-28T16:00Z, 2025-03-01T16:00Z)
const at = (iso: string) => Date.parse(iso);
const WINDOW = 10;

/** What the channel booked on 2025-03-01: one of every discrepancy class. */
const BOOKED: BookedPayment[] = [
  { orderNumber: 'ORD-M1', amountFen: 10_000, paidAt: at('2025-03-01T02:00:00Z') },
  {
    orderNumber: 'ORD-M2',
    amountFen: 5_000,
    paidAt: at('2025-03-01T02:10:00Z'),
    refunds: [{ refundNumber: 'RF-M2', amountFen: 2_000, at: at('2025-03-01T06:00:00Z') }],
  },
  { orderNumber: 'ORD-OV', amountFen: 3_000, paidAt: at('2025-03-01T03:00:00Z') },
  { orderNumber: 'ORD-DUP', amountFen: 4_000, paidAt: at('2025-03-01T04:00:00Z'), twice: true },
  { orderNumber: 'ORD-AM', amountFen: 7_100, paidAt: at('2025-03-01T05:00:00Z') },
  { orderNumber: 'ORD-SM', amountFen: 8_000, paidAt: at('2025-03-01T05:30:00Z') },
  // Paid at 23:58 on Feb 28 by the platform's clock, booked by the channel at 00:00:30 on Mar 1.
  { orderNumber: 'ORD-PRE', amountFen: 9_000, paidAt: at('2025-02-28T16:00:30Z') },
  // A refund the platform never made.
  {
    orderNumber: 'ORD-RX',
    amountFen: 1_500,
    paidAt: at('2025-03-01T01:00:00Z'),
    refunds: [{ refundNumber: 'RF-X', amountFen: 500, at: at('2025-03-01T07:00:00Z') }],
  },
];

const record = (
  orderNumber: string,
  amountFen: number,
  occurredAt: string,
  extra: Partial<Pick<PlatformRecord, 'departmentId' | 'itemCode'>> & { status?: string; refundNumber?: string } = {},
): PlatformRecord =>
  ({
    channel: 'sandbox',
    kind: extra.refundNumber ? 'refund' : 'payment',
    orderNumber,
    ...(extra.refundNumber ? { refundNumber: extra.refundNumber } : {}),
    amountFen,
    status: extra.status ?? (extra.refundNumber ? 'succeeded' : 'paid'),
    departmentId: extra.departmentId ?? 'DEPT-LAND',
    itemCode: extra.itemCode ?? 'ITEM-REG',
    occurredAt,
  }) as PlatformRecord;

const platform = (channel: PlatformRecord['channel']): PlatformRecord[] =>
  [
    record('ORD-M1', 10_000, '2025-03-01T01:59:58Z', { departmentId: 'DEPT-PASSPORT', itemCode: 'ITEM-PP' }),
    record('ORD-M2', 5_000, '2025-03-01T02:10:00Z', { status: 'partially_refunded' }),
    record('ORD-M2', 2_000, '2025-03-01T06:00:00Z', { refundNumber: 'RF-M2' }),
    record('ORD-DUP', 4_000, '2025-03-01T04:00:00Z'),
    record('ORD-SH', 6_000, '2025-03-01T05:00:00Z'),
    record('ORD-AM', 7_000, '2025-03-01T05:00:00Z'),
    record('ORD-SM', 8_000, '2025-03-01T05:30:00Z', { status: 'cancelled' }),
    record('ORD-PRE', 9_000, '2025-02-28T15:58:00Z'),
    record('ORD-RX', 1_500, '2025-03-01T01:00:00Z'),
    // 23:55 Beijing: the channel may book it tomorrow.
    record('ORD-LATE', 2_500, '2025-03-01T15:55:00Z'),
    // Yesterday's tail: matched yesterday (ignored) or deferred by yesterday's run (a shortage now).
    record('ORD-PREV', 1_100, '2025-02-28T15:55:00Z'),
    record('ORD-CARRIED', 1_200, '2025-02-28T15:56:00Z'),
    // Not paid: expected nowhere.
    record('ORD-PEND', 1_300, '2025-03-01T08:00:00Z', { status: 'pending' }),
    // Tomorrow's head: the next run's business.
    record('ORD-NEXT', 1_400, '2025-03-01T16:05:00Z'),
  ].map((r) => ({ ...r, channel }));

type Harness = {
  channel: PlatformRecord['channel'];
  firstDataLine: number;
  statement: (booked: BookedPayment[]) => AsyncIterable<readonly StatementLine[]>;
};

const wechatStatement = (booked: BookedPayment[]) => {
  const { csv, sha1 } = wechatPayBill(booked, DATE);
  return parseWechatPayBill(chunked(csv, 64), { expectedSha1: sha1 });
};

const HARNESSES: Harness[] = [
  {
    channel: 'sandbox',
    firstDataLine: 2,
    statement: (booked) => parseSandboxStatement(chunked(sandboxCsv(booked), 64)),
  },
  {
    channel: 'alipay',
    firstDataLine: 6,
    statement: (booked) => parseAlipayBill(chunked(alipayBillZip(booked, DATE), 64)),
  },
  { channel: 'wechat-pay', firstDataLine: 2, statement: wechatStatement },
];

const run = async (harness: Harness, overrides: Partial<ReconcileInput> = {}) => {
  const discrepancies: Discrepancy[] = [];
  const result = await reconcile({
    businessDate: DATE,
    windowMinutes: WINDOW,
    statement: harness.statement(BOOKED),
    platformRecords: platform(harness.channel),
    deferredFromPreviousDay: [{ channel: harness.channel, kind: 'payment', orderNumber: 'ORD-CARRIED' }],
    onDiscrepancy: (d) => {
      discrepancies.push(d);
    },
    ...overrides,
  });
  return { result, discrepancies };
};

describe.each(HARNESSES)('reconciling a $channel statement', (harness) => {
  it('puts every line in exactly one class', async () => {
    const { result, discrepancies } = await run(harness);
    expect(discrepancies.map((d) => [d.class, d.reason, d.key.orderNumber, d.key.refundNumber ?? ''])).toEqual([
      ['overage', 'not_on_platform', 'ORD-OV', ''],
      ['overage', 'duplicate', 'ORD-DUP', ''],
      ['amount_mismatch', 'amount', 'ORD-AM', ''],
      ['status_mismatch', 'status', 'ORD-SM', ''],
      ['overage', 'not_on_platform', 'ORD-RX', 'RF-X'],
      ['shortage', 'not_on_statement', 'ORD-CARRIED', ''],
      ['shortage', 'not_on_statement', 'ORD-SH', ''],
    ]);
    expect(result.counts).toEqual({ matched: 6, overage: 3, shortage: 2, amount_mismatch: 1, status_mismatch: 1 });
    expect(result.statementLines).toBe(11);
    expect(result.platformRecords).toBe(14);
    expect(result.deferred).toEqual([{ channel: harness.channel, kind: 'payment', orderNumber: 'ORD-LATE' }]);

    const amountMismatch = discrepancies.find((d) => d.class === 'amount_mismatch');
    expect(amountMismatch?.statement?.amountFen).toBe(7_100);
    expect(amountMismatch?.platform).toMatchObject({
      amountFen: 7_000,
      departmentId: 'DEPT-LAND',
      itemCode: 'ITEM-REG',
    });

    const { all, byChannel, byDepartment, byItemCode } = result.totals;
    // M1 + M2 − RF-M2 + DUP + PRE + RX
    expect(all.matched).toEqual({
      count: 6,
      statementFen: 10_000 + 5_000 - 2_000 + 4_000 + 9_000 + 1_500,
      platformFen: 10_000 + 5_000 - 2_000 + 4_000 + 9_000 + 1_500,
      feeFen: feeFen(10_000) + feeFen(5_000) - feeFen(2_000) + feeFen(4_000) + feeFen(9_000) + feeFen(1_500),
      // RF-M2: the refund part, so that reports can tell collected from refunded.
      refundCount: 1,
      refundStatementFen: -2_000,
      refundPlatformFen: -2_000,
      refundFeeFen: -feeFen(2_000),
    });
    expect(all.overage).toEqual({
      count: 3,
      statementFen: 3_000 + 4_000 - 500,
      platformFen: 0,
      feeFen: 18 + 24 - 3,
      refundCount: 1,
      refundStatementFen: -500,
      refundPlatformFen: 0,
      refundFeeFen: -3,
    });
    expect(all.shortage).toEqual({
      count: 2,
      statementFen: 0,
      platformFen: 6_000 + 1_200,
      feeFen: 0,
      refundCount: 0,
      refundStatementFen: 0,
      refundPlatformFen: 0,
      refundFeeFen: 0,
    });
    expect(all.amount_mismatch).toMatchObject({ count: 1, statementFen: 7_100, platformFen: 7_000 });
    expect(all.status_mismatch).toMatchObject({ count: 1, statementFen: 8_000, platformFen: 8_000 });
    expect(Object.keys(byChannel)).toEqual([harness.channel]);
    expect(byChannel[harness.channel]).toEqual(all);
    expect(Object.keys(byDepartment)).toEqual(['(unknown)', 'DEPT-LAND', 'DEPT-PASSPORT']);
    expect(byDepartment['DEPT-PASSPORT']?.matched).toMatchObject({ count: 1, statementFen: 10_000 });
    expect(byDepartment['(unknown)']?.overage.count).toBe(2); // ORD-OV, RF-X; the duplicate has its record's department
    expect(byItemCode['ITEM-REG']?.matched.count).toBe(5);
  });

  it('gives the same result and digest when run again, whatever order the platform records come in', async () => {
    const first = await run(harness);
    const again = await run(harness, { platformRecords: platform(harness.channel).reverse() });
    expect(again.result).toEqual(first.result);
    expect(again.discrepancies).toEqual(first.discrepancies);
    expect(first.result.runDigest).toMatch(/^[0-9a-f]{64}$/);
    const changed = await run(harness, { windowMinutes: 11 });
    expect(changed.result.runDigest).not.toBe(first.result.runDigest);
  });

  it("refuses another day's statement, naming the line", async () => {
    const tomorrow = BOOKED.map((b) => ({
      ...b,
      paidAt: b.paidAt + 86_400_000,
      refunds: b.refunds?.map((r) => ({ ...r, at: r.at + 86_400_000 })),
    }));
    const statement = harness.channel === 'sandbox' ? parseSandboxStatement(chunked(sandboxCsv(tomorrow))) : undefined;
    const wrong =
      statement ??
      (harness.channel === 'alipay'
        ? parseAlipayBill(chunked(alipayBillZip(tomorrow, '2025-03-02')))
        : (() => {
            const { csv, sha1 } = wechatPayBill(tomorrow, '2025-03-02');
            return parseWechatPayBill(chunked(csv), { expectedSha1: sha1 });
          })());
    const error = await run(harness, { statement: wrong }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StatementWrongDayError);
    // The first line of tomorrow's statement (ORD-PRE, 00:00:30 on Mar 2) is within the window. The next is not.
    expect(error).toMatchObject({
      businessDate: DATE,
      occurredAt: '2025-03-02T01:00:00.000Z',
      lineNumber: harness.firstDataLine + 1,
    });
  });
});

describe('reconcile', () => {
  const sandbox = HARNESSES[0] as Harness;

  it('records the hash of the statement file it used', async () => {
    const bytes = sandboxCsv(BOOKED);
    const tap = digestingBody(chunked(bytes));
    const { result } = await run(sandbox, { statement: parseSandboxStatement(tap.body), statementSha256: tap.sha256 });
    const { createHash } = await import('node:crypto');
    expect(result.statementSha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('without the previous run, yesterday-tail records no line claims are not shortages', async () => {
    const { result, discrepancies } = await run(sandbox, { deferredFromPreviousDay: [] });
    expect(result.counts.shortage).toBe(1);
    expect(discrepancies.filter((d) => d.class === 'shortage').map((d) => d.key.orderNumber)).toEqual(['ORD-SH']);
  });

  it('ends without a result on a truncated or tampered statement', async () => {
    const zip = alipayBillZip(BOOKED, DATE);
    await expect(
      run(sandbox, { statement: parseAlipayBill(chunked(zip.subarray(0, zip.length - 200))) }),
    ).rejects.toBeInstanceOf(StatementFormatError);
    const { csv } = wechatPayBill(BOOKED, DATE);
    await expect(
      run(sandbox, { statement: parseWechatPayBill(chunked(csv), { expectedSha1: 'f'.repeat(40) }) }),
    ).rejects.toBeInstanceOf(StatementHashMismatchError);
  });

  it('refuses platform records it cannot place', async () => {
    const twice = [...platform('sandbox'), record('ORD-M1', 10_000, '2025-03-01T02:00:00Z')];
    await expect(run(sandbox, { platformRecords: twice })).rejects.toBeInstanceOf(PlatformRecordError);
    const lastWeek = [record('ORD-OLD', 100, '2025-02-20T02:00:00Z')];
    await expect(run(sandbox, { platformRecords: lastWeek })).rejects.toBeInstanceOf(PlatformRecordError);
    // Read digit by digit, an impossible instant must still be refused, not rolled over into the day.
    for (const impossible of ['2025-02-29T17:00:00.000Z', '2025-03-01T24:00:00.000Z', '2025-03-01T02:60:00.000Z']) {
      const records = [record('ORD-BAD', 100, impossible)];
      await expect(run(sandbox, { platformRecords: records })).rejects.toBeInstanceOf(PlatformRecordError);
    }
    // Other ISO spellings still read through Date.parse.
    const offset = [
      ...platform('sandbox').filter((r) => r.orderNumber !== 'ORD-M1'),
      record('ORD-M1', 10_000, '2025-03-01T10:00:00+08:00'),
    ];
    await expect(run(sandbox, { platformRecords: offset })).resolves.toBeDefined();
    await expect(run(sandbox, { windowMinutes: 1.5 })).rejects.toBeInstanceOf(RangeError);
  });
});
