import { describe, expect, it } from 'vitest';
import { PhoneOtpError, toProblemFields } from './errors.ts';

describe('PhoneOtpError', () => {
  it('maps to problem details with a stable code and Retry-After', () => {
    const error = new PhoneOtpError('rate_limited', { retryAfterSeconds: 42, limit: 'resend_interval' });
    expect(toProblemFields(error)).toEqual({
      code: 'rate_limited',
      status: 429,
      title: 'Too many codes requested',
      detail: 'Try again later. Try again in 42 s.',
      retryAfter: 42,
    });
  });

  it('tells how many tries are left on a wrong code and names the field', () => {
    const fields = toProblemFields(new PhoneOtpError('invalid_code', { remainingAttempts: 3 }));
    expect(fields).toMatchObject({ code: 'invalid_code', status: 400, field: 'code' });
    expect(fields.detail).toContain('3 tries left');
  });
});
