import { describe, expect, it } from 'vitest';
import { LockedOutError, RateLimitedError, RealNameError, toProblemFields } from './errors.ts';
import { maskCitizenId, maskMobileNumber, maskPersonName } from './masks.ts';
import { parseMobileNumber } from './mobile-number.ts';
import { normalisePersonName } from './person-name.ts';

describe('normalisePersonName', () => {
  it.each([
    ['张三', '张三'],
    ['  张 三 ', '张三'],
    ['阿依古丽•买买提', '阿依古丽·买买提'],
    ['阿依古丽 · 买买提', '阿依古丽·买买提'],
    ['阿依古丽・买买提', '阿依古丽·买买提'],
    ['Li  Lei', 'Li Lei'],
  ])('%s → %s', (input, expected) => {
    expect(normalisePersonName(input)).toBe(expected);
  });

  it.each([[''], ['   '], ['张三1'], ['张三<script>'], ['·张三'], ['张··三'], ['张'.repeat(51)], [42], ['\uD800']])(
    'refuses %j',
    (input) => {
      expect(normalisePersonName(input)).toBeUndefined();
    },
  );
});

describe('parseMobileNumber', () => {
  it.each(['13800000001', '+86 138 0000 0001', '0086-13800000001', '８６１３８０００００００１', '138-0000-0001'])(
    'accepts %s',
    (input) => {
      expect(parseMobileNumber(input)).toBe('13800000001');
    },
  );

  it.each(['12800000001', '1380000000', '138000000012', 'phone', ''])('refuses %s', (input) => {
    expect(parseMobileNumber(input)).toBeUndefined();
  });
});

describe('masks', () => {
  it('keep enough to recognise one’s own data', () => {
    expect(maskCitizenId('44030519781130035X')).toBe('440***********035X');
    expect(maskMobileNumber('13800000001')).toBe('138****0001');
    expect(maskPersonName('欧阳娜娜')).toBe('欧***');
    expect(maskPersonName('王')).toBe('*');
  });

  it('hide whole what they do not recognise', () => {
    expect(maskCitizenId('ABC')).toBe('***');
  });
});

describe('errors', () => {
  it('map to problem fields with the field and the retry delay', () => {
    expect(toProblemFields(new RealNameError('invalid_name'))).toEqual({
      code: 'invalid_name',
      status: 400,
      title: 'The name is not valid',
      detail: 'Enter your name exactly as it appears on your ID card.',
      field: 'name',
    });
    expect(toProblemFields(new RateLimitedError(60, 'ip'))).toMatchObject({
      code: 'rate_limited',
      status: 429,
      retryAfter: 60,
    });
  });

  it('tell a locked-out person until when, in Beijing time in Chinese', () => {
    const error = new LockedOutError(new Date('2025-03-04T02:30:00Z'), new Date('2025-03-04T02:00:00Z'));
    expect(error.retryAfterSeconds).toBe(1_800);
    expect(error.messageZh).toContain('2025-03-04 10:30');
    expect(error).toBeInstanceOf(RealNameError);
  });
});
