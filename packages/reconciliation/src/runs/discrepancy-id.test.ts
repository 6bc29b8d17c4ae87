import { describe, expect, it } from 'vitest';
import { DiscrepancyIds, discrepancyId, parseDiscrepancyId } from './discrepancy-id.ts';

const key = { channel: 'alipay', kind: 'payment', orderNumber: 'ORD-1' } as const;

describe('discrepancy ids', () => {
  it('are the same in every run of the day, and name the channel and day', () => {
    const id = discrepancyId('alipay', '2026-11-22', key, 0);
    expect(id).toMatch(/^alipay\.2026-11-22\.[0-9a-f]{24}$/);
    expect(new DiscrepancyIds('alipay', '2026-11-22').next(key)).toBe(id);
    expect(parseDiscrepancyId(id)).toEqual({ channel: 'alipay', businessDate: '2026-11-22' });
  });

  it('tell two discrepancies of one key apart (a duplicate line after a mismatch) and keys apart', () => {
    const ids = new DiscrepancyIds('alipay', '2026-11-22');
    const first = ids.next(key);
    const second = ids.next(key);
    const refund = ids.next({ ...key, kind: 'refund', refundNumber: 'RF-1' });
    expect(new Set([first, second, refund]).size).toBe(3);
  });

  it('refuses what is not an id', () => {
    expect(parseDiscrepancyId('alipay.2026-11-22.xyz')).toBeUndefined();
    expect(parseDiscrepancyId('paypal.2026-11-22.0123456789abcdef01234567')).toBeUndefined();
  });
});
