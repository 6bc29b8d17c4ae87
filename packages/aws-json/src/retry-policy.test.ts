import { describe, expect, it } from 'vitest';
import { AwsServiceError } from './aws-service-error.ts';
import { classifyFailure, standardRetryPolicy } from './retry-policy.ts';

const serviceError = (name: string, status: number) =>
  new AwsServiceError(name, name, 'client', { httpStatusCode: status });

describe('standard retry policy', () => {
  it('classifies throttling, transient failures and final answers', () => {
    expect(classifyFailure(serviceError('ProvisionedThroughputExceededException', 400))).toBe('throttling');
    expect(classifyFailure(serviceError('Anything', 429))).toBe('throttling');
    expect(classifyFailure(serviceError('InternalServerError', 500))).toBe('transient');
    expect(classifyFailure(Object.assign(new Error('reset'), { code: 'ECONNRESET' }))).toBe('transient');
    expect(classifyFailure(serviceError('ConditionalCheckFailedException', 400))).toBe('final');
    expect(classifyFailure(serviceError('ValidationException', 400))).toBe('final');
    expect(classifyFailure(new TypeError('bug'))).toBe('final');
  });

  it('retries up to the maximum attempts with full-jitter exponential backoff', () => {
    const policy = standardRetryPolicy(3, () => 0.999);
    const transient = serviceError('InternalServerError', 500);
    expect(policy.delayAfter(1, transient)).toBe(99);
    expect(policy.delayAfter(2, transient)).toBe(199);
    expect(policy.delayAfter(3, transient)).toBeUndefined();
    expect(policy.delayAfter(1, serviceError('ThrottlingException', 400))).toBe(499);
    expect(policy.delayAfter(1, serviceError('ConditionalCheckFailedException', 400))).toBeUndefined();
  });
});
