import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromAlipayTime, toAlipayTime } from './shanghai-time.ts';

describe('Alipay times (Beijing wall clock) ↔ ISO 8601 UTC', () => {
  it('writes Beijing time, eight hours ahead of UTC, across the date line', () => {
    expect(toAlipayTime('2025-03-01T16:30:05.999Z')).toBe('2025-03-02 00:30:05');
    expect(toAlipayTime(Date.parse('2024-12-31T23:59:59Z'))).toBe('2025-01-01 07:59:59');
  });

  it('reads Beijing time back to UTC, with or without milliseconds', () => {
    expect(fromAlipayTime('2025-03-02 00:30:05')).toBe('2025-03-01T16:30:05.000Z');
    expect(fromAlipayTime('2015-04-28 15:45:57.320')).toBe('2015-04-28T07:45:57.320Z');
  });

  it('round-trips every instant to the second', () => {
    const instants = fc.integer({ min: Date.parse('2000-01-01T00:00:00Z'), max: Date.parse('2099-12-31T00:00:00Z') });
    fc.assert(
      fc.property(instants, (epochMs) => {
        const second = epochMs - (epochMs % 1000);
        expect(fromAlipayTime(toAlipayTime(epochMs))).toBe(new Date(second).toISOString());
      }),
    );
  });

  it('refuses what is not an Alipay time', () => {
    for (const bad of ['2025-03-01T10:00:00', '2025-02-30 10:00:00', '2025-03-01 24:00:00', '2025-3-1 1:00:00', '']) {
      expect(() => fromAlipayTime(bad), bad).toThrow(RangeError);
    }
  });
});
