import { describe, expect, it } from 'vitest';
import { settledIndexKeys, shanghaiBusinessDay } from './settled-index.ts';

describe('settledIndexKeys', () => {
  it('files money under the Asia/Shanghai business day of the instant', () => {
    expect(settledIndexKeys('alipay', 'payment', 'P123', '2026-11-22T15:59:59.999Z')).toEqual({
      gsi1pk: 'SETTLED#alipay#2026-11-22',
      gsi1sk: '2026-11-22T15:59:59.999Z#payment#P123',
    });
    expect(settledIndexKeys('wechat-pay', 'refund', 'R9', '2026-11-22T16:00:00.000Z').gsi1pk).toBe(
      'SETTLED#wechat-pay#2026-11-23',
    );
  });

  it('normalises the instant so that sort keys compare as times do', () => {
    expect(settledIndexKeys('sandbox', 'payment', 'P1', '2026-11-22T08:00:00+08:00').gsi1sk).toBe(
      '2026-11-22T00:00:00.000Z#payment#P1',
    );
  });

  it('refuses ids that could forge another key and instants that are not instants', () => {
    expect(() => settledIndexKeys('alipay', 'payment', 'a#b', '2026-11-22T00:00:00.000Z')).toThrow(RangeError);
    expect(() => settledIndexKeys('ali#pay', 'payment', 'a', '2026-11-22T00:00:00.000Z')).toThrow(RangeError);
    expect(() => shanghaiBusinessDay('yesterday')).toThrow(RangeError);
  });
});
