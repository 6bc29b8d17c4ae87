import { describe, expect, it } from 'vitest';
import { challengeMessage, parseChallengeMessage } from './challenge-message.ts';

const fields = {
  origin: 'https://id.example.gov.cn',
  nonce: new Uint8Array(32).fill(7),
  expiresAt: Date.UTC(2026, 2, 1, 8, 5),
};

describe('the challenge a user signs', () => {
  it('is purpose, origin, nonce and expiry on four lines', () => {
    expect(Buffer.from(challengeMessage(fields)).toString('utf8')).toBe(
      [
        'platform-enterprise-signin',
        'https://id.example.gov.cn',
        Buffer.from(fields.nonce).toString('base64url'),
        '2026-03-01T08:05:00.000Z',
      ].join('\n'),
    );
  });

  it('reads back what it wrote', () => {
    expect(parseChallengeMessage(challengeMessage(fields))).toEqual(fields);
  });

  it.each([
    ['another purpose', 'other-purpose\nhttps://a.cn\nBwcHBwcHBwcHBwcHBwcHBw\n2026-03-01T08:05:00.000Z'],
    ['an extra line', 'platform-enterprise-signin\nhttps://a.cn\nBwcHBwcHBwcHBwcHBwcHBw\n2026-03-01T08:05:00.000Z\nx'],
    [
      'an origin with a path',
      'platform-enterprise-signin\nhttps://a.cn/x\nBwcHBwcHBwcHBwcHBwcHBw\n2026-03-01T08:05:00.000Z',
    ],
    ['a short nonce', 'platform-enterprise-signin\nhttps://a.cn\nBwcH\n2026-03-01T08:05:00.000Z'],
    ['a date that is not ISO UTC', 'platform-enterprise-signin\nhttps://a.cn\nBwcHBwcHBwcHBwcHBwcHBw\n1 March 2026'],
    ['arbitrary data', 'transfer 1,000,000 yuan'],
  ])('is refused when it has %s', (_, text) => {
    expect(parseChallengeMessage(new TextEncoder().encode(text))).toBeUndefined();
  });
});
