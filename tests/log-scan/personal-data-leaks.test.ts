import { describe, expect, it } from 'vitest';
import { findLeaks } from './personal-data-leaks.ts';

describe('findLeaks', () => {
  it('finds full citizen ID numbers with a valid check digit and mobile numbers, and reports them masked', () => {
    const leaks = findLeaks('log', 'ok\nid=11010519491231002X phone 13812345678');
    expect(leaks.map((leak) => [leak.line, leak.kind])).toEqual([
      [2, 'citizen-id'],
      [2, 'mobile'],
    ]);
    expect(JSON.stringify(leaks)).not.toMatch(/11010519491231002X|13812345678/);
  });

  it('ignores masked values, invalid check digits and longer digit runs', () => {
    expect(findLeaks('log', '110***********002X 138****5678 110105194912310021 33010012345678901234')).toEqual([]);
  });
});
