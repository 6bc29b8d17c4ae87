import { fenToYuan, SANDBOX_STATEMENT_HEADER } from '@platform/payment-channels';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeGbk } from '../../../payment-channels/src/alipay/simulator/bill/gbk-encoder.ts';
import { writeZip } from '../../../payment-channels/src/alipay/simulator/bill/zip-writer.ts';
import {
  alipayBillZip,
  type BookedPayment,
  chunked,
  collectLines,
  sandboxCsv,
  wechatPayBill,
} from '../test-support/statement-files.ts';
import { parseAlipayBill } from './alipay-bill-parser.ts';
import { fenTextToFen, yuanTextToFen } from './amounts.ts';
import { parseSandboxStatement } from './sandbox-statement-parser.ts';
import { StatementFormatError, StatementHashMismatchError } from './statement-errors.ts';
import { parseWechatPayBill } from './wechat-pay-bill-parser.ts';

const DATE = '2025-03-01';
// 10:00 and 11:30 Beijing.
const T1 = Date.parse('2025-03-01T02:00:00.000Z');
const T2 = Date.parse('2025-03-01T03:30:00.000Z');
const BOOKED: BookedPayment[] = [
  {
    orderNumber: 'ORD-1',
    amountFen: 12_345,
    paidAt: T1,
    refunds: [{ refundNumber: 'RF-1', amountFen: 2_345, at: T2 }],
  },
];

const expectFormatError = async (lines: AsyncIterable<readonly unknown[]>, lineNumber: number, reason: string) => {
  const error = await collectLines(lines).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(StatementFormatError);
  expect(error).toMatchObject({ lineNumber, reason });
};

const replace = (bytes: Buffer, from: string, to: string): Buffer =>
  Buffer.from(bytes.toString('utf8').replace(from, to));

describe('amounts', () => {
  it('reads yuan exactly, with integers only', () => {
    expect(yuanTextToFen('12.34')).toBe(1234);
    expect(yuanTextToFen('0.07')).toBe(7);
    expect(yuanTextToFen('-0.10')).toBe(-10);
    expect(yuanTextToFen('12.3')).toBe(1230);
    expect(yuanTextToFen('12')).toBe(1200);
    for (const bad of ['12.345', '01.00', '1e3', ' 1.00', '', '-', '1,000.00', '0.1.2']) {
      expect(yuanTextToFen(bad)).toBeUndefined();
    }
    expect(fenTextToFen('-74')).toBe(-74);
    expect(fenTextToFen('7.4')).toBeUndefined();
  });

  it('round-trips every amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10 ** 14 }), (fen) => {
        expect(yuanTextToFen(fenToYuan(fen))).toBe(fen);
        expect(yuanTextToFen(`-${fenToYuan(fen)}`)).toBe(fen === 0 ? 0 : -fen);
      }),
    );
  });
});

describe('sandbox CSV', () => {
  const csv = sandboxCsv(BOOKED);

  it.each([1, 7, 4096])('parses lines in %i-byte chunks', async (size) => {
    // Own properties compared strictly: a payment line has no refundNumber at all.
    const lines = await collectLines(parseSandboxStatement(chunked(csv, size)));
    expect(lines.map((line) => ({ ...line }))).toStrictEqual([
      {
        channel: 'sandbox',
        channelReference: 'sbx_ORD-1',
        orderNumber: 'ORD-1',
        kind: 'payment',
        amountFen: 12_345,
        feeFen: 74,
        occurredAt: '2025-03-01T02:00:00.000Z',
        lineNumber: 2,
      },
      {
        channel: 'sandbox',
        channelReference: 'sbx_ORD-1',
        orderNumber: 'ORD-1',
        refundNumber: 'RF-1',
        kind: 'refund',
        amountFen: 2_345,
        feeFen: -14,
        occurredAt: '2025-03-01T03:30:00.000Z',
        lineNumber: 3,
      },
    ]);
  });

  it('names the line of every kind of bad input', async () => {
    await expectFormatError(parseSandboxStatement(chunked(Buffer.alloc(0))), 0, 'empty_file');
    await expectFormatError(parseSandboxStatement(chunked(replace(csv, 'fee_fen', 'fees'))), 1, 'unknown_column');
    await expectFormatError(parseSandboxStatement(chunked(replace(csv, ',fee_fen', ''))), 1, 'missing_column');
    await expectFormatError(parseSandboxStatement(chunked(replace(csv, '12345', '123.45'))), 2, 'malformed_line');
    await expectFormatError(parseSandboxStatement(chunked(replace(csv, ',RF-1,', ',,'))), 3, 'malformed_line');
    await expectFormatError(parseSandboxStatement(chunked(replace(csv, 'T02:00', 'T25:00'))), 2, 'malformed_line');
    const latin1 = Buffer.concat([
      csv,
      Buffer.from('payment,ORD-\xe9,,sbx,100,1,2025-03-01T02:00:00.000Z\n', 'latin1'),
    ]);
    await expectFormatError(parseSandboxStatement(chunked(latin1)), 4, 'wrong_encoding');
    // Cut in the middle of its last line.
    await expectFormatError(parseSandboxStatement(chunked(csv.subarray(0, csv.length - 12))), 3, 'malformed_line');
    await expectFormatError(parseSandboxStatement(chunked(Buffer.alloc(70_000, 0x61))), 1, 'line_too_long');
  });

  // Lines come in batches: those before a bad line still come first, whether it shares their batch or not.
  it.each([
    ['a malformed line', 'payment,ORD-X,,sbx,12.5,1,2025-03-01T02:00:00.000Z\n', 'malformed_line'],
    ['a line too long', `${'a'.repeat(70_000)}\n`, 'line_too_long'],
  ])('gives every line before %s, then its error', async (_, bad, reason) => {
    const good = (count: number) =>
      Array.from({ length: count }, (_, i) => `payment,ORD-${i},,sbx_${i},100,1,2025-03-01T02:00:00.000Z\n`).join('');
    for (const [count, size] of [
      [3, 4096],
      [150, 7],
      [150, 1 << 20],
    ] as const) {
      const file = Buffer.from(`${SANDBOX_STATEMENT_HEADER}\n${good(count)}${bad}${good(2)}`);
      const seen: number[] = [];
      const error = await (async () => {
        for await (const batch of parseSandboxStatement(chunked(file, size))) {
          expect(batch.length).toBeGreaterThan(0);
          seen.push(...batch.map((line) => line.lineNumber));
        }
      })().catch((caught: unknown) => caught);
      expect(error).toMatchObject({ lineNumber: count + 2, reason });
      expect(seen).toEqual(Array.from({ length: count }, (_, i) => i + 2));
    }
  });
});

describe('Alipay bill zip (GBK)', () => {
  const zip = alipayBillZip(BOOKED, DATE);

  it.each([7, 65_536])('streams the 业务明细 entry out of the zip in %i-byte chunks', async (size) => {
    expect(await collectLines(parseAlipayBill(chunked(zip, size)))).toEqual([
      {
        channel: 'alipay',
        channelReference: '2025030122001000000000000000',
        orderNumber: 'ORD-1',
        kind: 'payment',
        amountFen: 12_345,
        feeFen: 74,
        occurredAt: '2025-03-01T02:00:00.000Z',
        lineNumber: 6,
      },
      {
        channel: 'alipay',
        channelReference: '2025030122001000000000000000',
        orderNumber: 'ORD-1',
        refundNumber: 'RF-1',
        kind: 'refund',
        amountFen: 2_345,
        feeFen: -14,
        occurredAt: '2025-03-01T03:30:00.000Z',
        lineNumber: 7,
      },
    ]);
  });

  const rezip = (mutate: (csv: string) => string, encode: (text: string) => Buffer = encodeGbk): Buffer => {
    const detail = `#支付宝业务明细查询\r\n${mutate(
      [
        '支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,分润（元）,备注',
        '2025030122001000000000000000\t,ORD-1\t,交易,登记费,2025-03-01 09:59:00,2025-03-01 10:00:00,,,,,a***@b.c,123.45,123.45,0.00,0.00,0.00,0.00,0.00,,0.00,0.00,,-0.74,0.00,',
        '#-----------------------------------------业务明细列表结束------------------------------------',
        '#交易合计：1笔，退款合计：0笔',
      ].join('\r\n'),
    )}\r\n`;
    return writeZip([{ name: encodeGbk('2088_20250301_业务明细.csv'), data: encode(detail) }], new Date());
  };

  it('reads a hand-built bill, and each kind of bad input names its line', async () => {
    expect(await collectLines(parseAlipayBill(chunked(rezip((csv) => csv))))).toMatchObject([
      { orderNumber: 'ORD-1', amountFen: 12_345, feeFen: 74, lineNumber: 3 },
    ]);
    await expectFormatError(parseAlipayBill(chunked(Buffer.alloc(0))), 0, 'empty_file');
    await expectFormatError(parseAlipayBill(chunked(Buffer.from('kind,order_number\n'))), 0, 'not_a_zip');
    await expectFormatError(
      parseAlipayBill(
        chunked(
          rezip(
            (csv) => csv,
            (text) => Buffer.from(text),
          ),
        ),
      ),
      1,
      'wrong_encoding',
    );
    await expectFormatError(
      parseAlipayBill(chunked(rezip((csv) => csv.replace('备注', '备注2')))),
      2,
      'unknown_column',
    );
    await expectFormatError(
      parseAlipayBill(chunked(rezip((csv) => csv.replace('服务费（元）', '分润（元）')))),
      2,
      'missing_column',
    );
    await expectFormatError(
      parseAlipayBill(chunked(rezip((csv) => csv.replace(',123.45,', ',12.345,')))),
      3,
      'malformed_line',
    );
    await expectFormatError(
      parseAlipayBill(chunked(rezip((csv) => csv.replace(',交易,', ',转账,')))),
      3,
      'malformed_line',
    );
    await expectFormatError(parseAlipayBill(chunked(rezip((csv) => csv.replace('1笔', '2笔')))), 5, 'summary_mismatch');
    // The CSV itself cut after its table: no end marker, no totals.
    await expectFormatError(parseAlipayBill(chunked(rezip((csv) => csv.split('\r\n#---')[0] ?? ''))), 4, 'truncated');
    const other = writeZip(
      [{ name: encodeGbk('2088_20250301_业务明细(汇总).csv'), data: encodeGbk('#\r\n') }],
      new Date(),
    );
    await expectFormatError(parseAlipayBill(chunked(other)), 0, 'missing_bill_entry');
  });

  it('reads an entry whose sizes come after it in a data descriptor (as Java writes zips)', async () => {
    const plain = rezip((csv) => csv);
    const nameLength = plain.readUInt16LE(26);
    const dataEnd = 30 + nameLength + plain.readUInt32LE(18);
    const header = Buffer.from(plain.subarray(0, 30 + nameLength));
    header.writeUInt16LE(header.readUInt16LE(6) | 0x8, 6);
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    plain.copy(descriptor, 4, 14, 26); // CRC, compressed and uncompressed sizes
    header.fill(0, 14, 26);
    const java = Buffer.concat([header, plain.subarray(30 + nameLength, dataEnd), descriptor, plain.subarray(dataEnd)]);
    expect(await collectLines(parseAlipayBill(chunked(java, 5)))).toMatchObject([
      { orderNumber: 'ORD-1', amountFen: 12_345 },
    ]);
  });

  it('says where a truncated zip stops', async () => {
    const error = await collectLines(parseAlipayBill(chunked(zip.subarray(0, 300)))).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StatementFormatError);
    expect(error).toMatchObject({ reason: 'truncated' });
    expect((error as StatementFormatError).lineNumber).toBeGreaterThan(0);
    // Cut after the bill's entry: the missing central directory still gives it away.
    await expect(collectLines(parseAlipayBill(chunked(zip.subarray(0, zip.length - 30))))).rejects.toMatchObject({
      reason: 'truncated',
    });
    // A flipped byte in the compressed data: the CRC (or the inflater) catches it.
    const flipped = Buffer.from(zip);
    flipped[120] = (flipped[120] ?? 0) ^ 0xff;
    await expect(collectLines(parseAlipayBill(chunked(flipped)))).rejects.toBeInstanceOf(StatementFormatError);
  });
});

describe('WeChat Pay trade bill', () => {
  const { csv, sha1 } = wechatPayBill(BOOKED, DATE);

  it.each([7, 65_536])('parses the backticked rows in %i-byte chunks and verifies the SHA1', async (size) => {
    expect(await collectLines(parseWechatPayBill(chunked(csv, size), { expectedSha1: sha1.toUpperCase() }))).toEqual([
      {
        channel: 'wechat-pay',
        channelReference: '4200000000202503010000000000',
        orderNumber: 'ORD-1',
        kind: 'payment',
        amountFen: 12_345,
        feeFen: 74,
        occurredAt: '2025-03-01T02:00:00.000Z',
        lineNumber: 2,
      },
      {
        channel: 'wechat-pay',
        channelReference: '4200000000202503010000000000',
        orderNumber: 'ORD-1',
        refundNumber: 'RF-1',
        kind: 'refund',
        amountFen: 2_345,
        feeFen: -14,
        occurredAt: '2025-03-01T03:30:00.000Z',
        lineNumber: 3,
      },
    ]);
  });

  it('refuses a tampered hash, after reading the whole file', async () => {
    const error = await collectLines(parseWechatPayBill(chunked(csv), { expectedSha1: '0'.repeat(40) })).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(StatementHashMismatchError);
    expect(error).toMatchObject({ expected: '0'.repeat(40), actual: sha1 });
    // 应结订单金额 changed: nothing the parser reads, but the hash sees it.
    const tampered = replace(csv, '`123.45', '`123.46');
    await expect(collectLines(parseWechatPayBill(chunked(tampered), { expectedSha1: sha1 }))).rejects.toBeInstanceOf(
      StatementHashMismatchError,
    );
  });

  it('names the line of every kind of bad input', async () => {
    const parse = (bytes: Buffer) => parseWechatPayBill(chunked(bytes), { expectedSha1: sha1 });
    await expectFormatError(parse(Buffer.alloc(0)), 0, 'empty_file');
    await expectFormatError(parse(replace(csv, '费率备注', '备注')), 1, 'unknown_column');
    await expectFormatError(parse(replace(csv, ',商户订单号', '')), 1, 'missing_column');
    await expectFormatError(parse(replace(csv, '`SUCCESS', '`REVOKED')), 2, 'malformed_line');
    await expectFormatError(parse(replace(csv, '`2025-03-01 11:30:00', '`2025-03-01 11:30')), 3, 'malformed_line');
    await expectFormatError(parse(replace(csv, '`2,', '`3,')), 5, 'summary_mismatch');
    const cut = csv.subarray(0, csv.indexOf('总交易单数'));
    await expectFormatError(parse(cut), 4, 'truncated');
    const gbk = Buffer.concat([csv.subarray(0, csv.indexOf('总交易单数')), encodeGbk('`中文,x\r\n')]);
    await expectFormatError(parse(gbk), 4, 'wrong_encoding');
  });
});
