import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSignature, requestStringToSign, responseStringToSign, signatureMatches } from './signed-request.ts';

const SECRET = 'registry-test-secret-0123456789abcdef';
const BODY = '{"requestId":"r-1","citizenId":"110105199003070113","name":"张三"}';

/** The README's recipe, step by step, written here without the code under test. */
const documentedSignature = (lines: string[]) =>
  createHmac('sha256', SECRET).update(lines.join('\n'), 'utf8').digest('base64');
const bodyHash = createHash('sha256').update(Buffer.from(BODY, 'utf8')).digest('hex');

describe('check protocol signatures', () => {
  it('sign the request line by line: algorithm, method, path, client, request id, time, nonce, body hash', () => {
    const request = {
      method: 'post',
      path: '/gateway/v1/identity-checks',
      clientId: 'platform-test',
      requestId: 'r-1',
      timestamp: '1735689600',
      nonce: '00112233445566778899aabbccddeeff',
      body: BODY,
    };
    const lines = [
      'PLATFORM-HMAC-SHA256',
      'POST',
      '/gateway/v1/identity-checks',
      'platform-test',
      'r-1',
      '1735689600',
      '00112233445566778899aabbccddeeff',
      bodyHash,
    ];
    expect(requestStringToSign(request)).toBe(lines.join('\n'));
    expect(hmacSignature(SECRET, requestStringToSign(request))).toBe(documentedSignature(lines));
  });

  it('sign the answer over the request id and nonce, so it cannot answer another request', () => {
    const response = { requestId: 'r-1', nonce: 'n-1', timestamp: '1735689601', body: BODY };
    const lines = ['PLATFORM-HMAC-SHA256-RESPONSE', 'r-1', 'n-1', '1735689601', bodyHash];
    expect(hmacSignature(SECRET, responseStringToSign(response))).toBe(documentedSignature(lines));
    expect(responseStringToSign({ ...response, nonce: 'n-2' })).not.toBe(responseStringToSign(response));
  });

  it('change with any byte of the body', () => {
    const base = { method: 'POST', path: '/v1/x', clientId: 'c', requestId: 'r', timestamp: '1', nonce: 'n' };
    expect(requestStringToSign({ ...base, body: BODY })).not.toBe(requestStringToSign({ ...base, body: `${BODY} ` }));
  });

  it('compare in constant time and refuse what is missing', () => {
    expect(signatureMatches('abc', 'abc')).toBe(true);
    expect(signatureMatches('abc', 'abd')).toBe(false);
    expect(signatureMatches('abc', 'ab')).toBe(false);
    expect(signatureMatches('abc', null)).toBe(false);
  });
});
