import { describe, expect, it } from 'vitest';
import { fromWechatPayTime, toWechatPayTime } from './wechat-pay-time.ts';

describe('WeChat Pay RFC 3339 times', () => {
  it('writes Beijing time with +08:00, milliseconds dropped', () => {
    expect(toWechatPayTime('2025-03-01T02:30:45.678Z')).toBe('2025-03-01T10:30:45+08:00');
    expect(toWechatPayTime(Date.UTC(2024, 11, 31, 16, 0, 0))).toBe('2025-01-01T00:00:00+08:00');
  });

  it('reads any offset back to UTC', () => {
    expect(fromWechatPayTime('2018-06-08T10:34:56+08:00')).toBe('2018-06-08T02:34:56.000Z');
    expect(fromWechatPayTime('2018-06-08T02:34:56Z')).toBe('2018-06-08T02:34:56.000Z');
    expect(fromWechatPayTime('2018-06-07T21:04:56-05:30')).toBe('2018-06-08T02:34:56.000Z');
    expect(fromWechatPayTime(toWechatPayTime('2025-03-01T02:30:45.000Z'))).toBe('2025-03-01T02:30:45.000Z');
  });

  it.each(['2018-06-08 10:34:56', '2018-02-30T10:00:00+08:00', '2018-06-08T24:00:00+08:00', '2018-06-08T10:34:56', ''])(
    'refuses %j',
    (text) => {
      expect(() => fromWechatPayTime(text)).toThrow(RangeError);
    },
  );
});
