import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlatformIndex } from './platform-index.ts';
import type { PlatformRecord } from './platform-record.ts';

const record = (orderNumber: string, occurredAt: string): PlatformRecord => ({
  channel: 'sandbox',
  kind: 'payment',
  orderNumber,
  amountFen: 100,
  status: 'paid',
  departmentId: 'DEPT',
  itemCode: 'ITEM',
  occurredAt,
});

const digits = (count: number, max: number) => fc.nat(max).map((n) => String(n).padStart(count, '0'));

describe('PlatformIndex times', () => {
  it('reads a canonical instant digit by digit exactly as Date.parse, and refuses an impossible one', () => {
    // Every field drawn a little past its range: month 13, day 32, hour 24, minute 60, 29 February of any year.
    const canonical = fc
      .tuple(digits(4, 9999), digits(2, 13), digits(2, 32), digits(2, 24), digits(2, 60), digits(2, 60), digits(3, 999))
      .map(([y, mo, d, h, mi, s, ms]) => `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms}Z`);
    fc.assert(
      fc.property(canonical, (iso) => {
        const index = new PlatformIndex();
        const epochMs = Date.parse(iso);
        // Date.parse takes hour 24 and rolls 30 February over; a real instant prints back as itself.
        const real = !Number.isNaN(epochMs) && new Date(epochMs).toISOString() === iso;
        if (real) {
          index.add(record('A', iso), -8.64e15, 8.64e15);
          expect(index.row(0).occurredAtMs).toBe(epochMs);
        } else {
          expect(() => index.add(record('A', iso), -8.64e15, 8.64e15)).toThrow(/outside the business day/);
        }
      }),
      {
        numRuns: 5_000,
        examples: [
          ...['1900', '2000', '2024', '2025', '2100', '2400'].map((year) => [`${year}-02-29T12:00:00.000Z`]),
          ['0050-06-01T00:00:00.000Z'],
          ['2025-03-01T24:00:00.000Z'],
          ['2025-04-31T00:00:00.000Z'],
        ] as [string][],
      },
    );
  });
});
