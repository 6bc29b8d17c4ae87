import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlatformIndex, PlatformRecordError } from './platform-index.ts';
import type { PlatformRecord, RecordKey } from './platform-record.ts';
import { RecordKeyTable } from './record-key-table.ts';

/** The table must answer exactly what a `Map` of the joined key answers: never a row on a hash alone. */
const joined = (group: number, orderNumber: string, refundNumber: string | undefined) =>
  JSON.stringify([group, orderNumber, refundNumber ?? null]);

// Short numbers from few characters, so that equal keys, prefixes and order/refund splits of the same characters
// (AB + C against A + BC) are common; a character above Latin-1 widens the pool.
const number = fc.string({ unit: fc.constantFrom('A', 'B', '0', '1', '-', '\u00e9', '\u4e2d'), maxLength: 4 });
const key = fc.record({
  group: fc.integer({ min: 0, max: 3 }),
  orderNumber: number,
  refundNumber: fc.option(number, { nil: undefined }),
});

describe('RecordKeyTable', () => {
  it('finds exactly the keys a Map would, in any mix of groups, lengths and characters', () => {
    fc.assert(
      fc.property(fc.array(key, { maxLength: 300 }), fc.array(key, { maxLength: 100 }), (added, looked) => {
        const table = new RecordKeyTable();
        const model = new Map<string, number>();
        for (const k of added) {
          const name = joined(k.group, k.orderNumber, k.refundNumber);
          const expected = model.has(name) ? -1 : model.size;
          expect(table.add(k.group, k.orderNumber, k.refundNumber)).toBe(expected);
          if (expected >= 0) model.set(name, expected);
        }
        expect(table.size).toBe(model.size);
        for (const k of [...added, ...looked]) {
          expect(table.find(k.group, k.orderNumber, k.refundNumber)).toBe(
            model.get(joined(k.group, k.orderNumber, k.refundNumber)) ?? -1,
          );
        }
        for (const [name, row] of model) {
          const [group, orderNumber, refundNumber] = JSON.parse(name) as [number, string, string | null];
          expect([table.groupAt(row), table.orderNumberAt(row), table.refundNumberAt(row)]).toEqual([
            group,
            orderNumber,
            refundNumber ?? '',
          ]);
        }
      }),
    );
  });

  it('keeps every key through many growths of its slots and pool', () => {
    const table = new RecordKeyTable();
    const wrong: string[] = [];
    for (let i = 0; i < 20_000; i += 1) {
      if (table.add(i % 2, `ORD${i}`, i % 2 ? `RF${i}` : undefined) !== i) wrong.push(`add ${i}`);
    }
    for (let i = 0; i < 20_000; i += 1) {
      if (table.find(i % 2, `ORD${i}`, i % 2 ? `RF${i}` : undefined) !== i) wrong.push(`find ${i}`);
      if (table.find(1 - (i % 2), `ORD${i}`, i % 2 ? undefined : `RF${i}`) !== -1) wrong.push(`other group ${i}`);
    }
    expect(wrong).toEqual([]);
    expect(table.add(0, 'ORD0', undefined)).toBe(-1);
  }, 30_000);
});

describe('PlatformIndex keys', () => {
  const record = (orderNumber: string, refundNumber?: string, amountFen = 100): PlatformRecord =>
    ({
      channel: 'sandbox',
      kind: refundNumber === undefined ? 'payment' : 'refund',
      orderNumber,
      ...(refundNumber === undefined ? {} : { refundNumber }),
      amountFen,
      status: refundNumber === undefined ? 'paid' : 'succeeded',
      departmentId: 'DEPT',
      itemCode: 'ITEM',
      occurredAt: '2025-03-01T02:00:00.000Z',
    }) as PlatformRecord;
  const WITHIN = [0, Date.parse('2025-03-02T00:00:00Z')] as const;

  it('answers the unclaimed keys as the records named them, sorted by key', () => {
    const index = new PlatformIndex();
    for (const r of [record('B'), record('A', 'R2'), record('A', 'R1'), record('A'), record('C', '')]) {
      index.add(r, ...WITHIN);
    }
    index.claim(index.find({ channel: 'sandbox', kind: 'payment', orderNumber: 'B' }) as number);
    const keys: RecordKey[] = index.unclaimed().map(({ key }) => key);
    expect(keys).toEqual([
      { channel: 'sandbox', kind: 'payment', orderNumber: 'A' },
      { channel: 'sandbox', kind: 'refund', orderNumber: 'A', refundNumber: 'R1' },
      { channel: 'sandbox', kind: 'refund', orderNumber: 'A', refundNumber: 'R2' },
      { channel: 'sandbox', kind: 'refund', orderNumber: 'C', refundNumber: '' },
    ]);
    expect(index.findLine('sandbox', 'refund', 'C', undefined)).toBe(4);
    expect(index.findLine('sandbox', 'payment', 'A', 'R1')).toBe(3);
    expect(index.findLine('alipay', 'payment', 'A', undefined)).toBeUndefined();
  });

  it('reports a record both repeated and invalid as repeated, and keeps nothing of a refused record', () => {
    const index = new PlatformIndex();
    index.add(record('A'), ...WITHIN);
    expect(() => index.add(record('A', undefined, -1), ...WITHIN)).toThrow(/given twice/);
    expect(() => index.add(record('B', undefined, -1), ...WITHIN)).toThrow(/not a positive integer/);
    expect(index.size).toBe(1);
    expect(index.find({ channel: 'sandbox', kind: 'payment', orderNumber: 'B' })).toBeUndefined();
    expect(() => index.add(record('B'), ...WITHIN)).not.toThrow();
    expect(() => index.add(record('B'), ...WITHIN)).toThrowError(PlatformRecordError);
  });

  // Records of few keys (repeats are common), now and then one that is refused, over several batches of `load`.
  const someRecords = fc.array(
    fc.record({ orderNumber: number, refundNumber: fc.option(number, { nil: undefined }), bad: fc.nat(15) }),
    { maxLength: 300, size: 'max' },
  );
  /** The index `fill` leaves, and the message of the error it stopped at. */
  const built = async (
    fill: (index: PlatformIndex) => void | Promise<void>,
  ): Promise<{ index: PlatformIndex; error?: string }> => {
    const index = new PlatformIndex();
    try {
      await fill(index);
      return { index };
    } catch (error) {
      return { index, error: (error as Error).message };
    }
  };

  it('loads a sync or async source in batches exactly as one add at a time: same rows, same first error', async () => {
    await fc.assert(
      fc.asyncProperty(someRecords, async (drawn) => {
        const records = drawn.map(({ orderNumber, refundNumber, bad }) =>
          record(orderNumber, refundNumber, bad === 0 ? 0 : 100),
        );
        const one = await built((index) => {
          for (const r of records) index.add(r, ...WITHIN);
        });
        const fromSync = await built((index) => index.load(records, ...WITHIN));
        const fromAsync = await built((index) =>
          index.load(
            (async function* () {
              yield* records;
            })(),
            ...WITHIN,
          ),
        );
        for (const loaded of [fromSync, fromAsync]) {
          expect(loaded.error).toBe(one.error);
          expect(loaded.index.size).toBe(one.index.size);
          for (const r of records) expect(loaded.index.find(r)).toBe(one.index.find(r));
        }
      }),
    );
  });

  it('reports a record repeated in a later batch, and invalid too, as repeated', async () => {
    const index = new PlatformIndex();
    const records = [
      record('A'),
      ...Array.from({ length: 100 }, (_, i) => record(`B${i}`)),
      record('A', undefined, -1),
    ];
    await expect(index.load(records, ...WITHIN)).rejects.toThrow(/A is given twice/);
  });

  it('finds each line the row of its key, in whatever order the lines come', () => {
    fc.assert(
      fc.property(someRecords, fc.array(fc.nat(), { maxLength: 300, size: 'max' }), (drawn, picks) => {
        const index = new PlatformIndex();
        const model = new Map<string, number>();
        for (const { orderNumber, refundNumber } of drawn) {
          const r = record(orderNumber, refundNumber);
          if (index.find(r) !== undefined) continue;
          model.set(JSON.stringify([r.kind, orderNumber, refundNumber ?? '']), index.size);
          index.add(r, ...WITHIN);
        }
        // In the records' order (each guess right), then picked anywhere (guesses mostly wrong), then again in order.
        const lines = [...drawn, ...picks.map((pick) => drawn[pick % drawn.length]).filter((x) => x), ...drawn];
        for (const line of lines as typeof drawn) {
          const kind = line.refundNumber === undefined ? 'payment' : 'refund';
          expect(index.findLine('sandbox', kind, line.orderNumber, line.refundNumber)).toBe(
            model.get(JSON.stringify([kind, line.orderNumber, line.refundNumber ?? ''])),
          );
          // The same characters under the other kind are another key.
          const other = kind === 'payment' ? 'refund' : 'payment';
          expect(index.findLine('sandbox', other, line.orderNumber, line.refundNumber)).toBe(
            model.get(JSON.stringify([other, line.orderNumber, other === 'refund' ? (line.refundNumber ?? '') : ''])),
          );
        }
      }),
    );
  });
});
