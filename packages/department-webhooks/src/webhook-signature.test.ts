import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signatureHeaderValue, verifyWebhookSignature } from './webhook-signature.ts';

const secret = 'whsec_test-secret';
const body = '{"id":"n1:2","type":"notice.paid"}';

describe('webhook signature (t=…,v1=…)', () => {
  it('is HMAC-SHA256 over "<t>.<raw body>", hex, after t', () => {
    const expected = createHmac('sha256', secret).update(`1700000000.${body}`).digest('hex');
    expect(signatureHeaderValue([secret], 1_700_000_000, body)).toBe(`t=1700000000,v1=${expected}`);
  });

  it('signs with every live secret during a rotation; either secret verifies', () => {
    const header = signatureHeaderValue(['whsec_new', 'whsec_old'], 1_700_000_000, body);
    expect(header.split(',').filter((part) => part.startsWith('v1='))).toHaveLength(2);
    for (const held of ['whsec_new', 'whsec_old']) {
      expect(verifyWebhookSignature(header, body, [held], { now: 1_700_000_000 })).toEqual({ valid: true });
    }
  });

  it('refuses outside the 300 s tolerance, either way, and accepts at its edge', () => {
    const header = signatureHeaderValue([secret], 1_700_000_000, body);
    expect(verifyWebhookSignature(header, body, [secret], { now: 1_700_000_300 }).valid).toBe(true);
    expect(verifyWebhookSignature(header, body, [secret], { now: 1_700_000_301 })).toEqual({
      valid: false,
      reason: 'timestamp_outside_tolerance',
    });
    expect(verifyWebhookSignature(header, body, [secret], { now: 1_699_999_699 }).valid).toBe(false);
  });

  it('refuses malformed headers', () => {
    for (const header of [undefined, '', 't=1', 'v1=00', 't=x,v1=ab', `t=1,v1=${'g'.repeat(64)}`]) {
      expect(verifyWebhookSignature(header, body, [secret], { now: 1 })).toEqual({
        valid: false,
        reason: 'malformed_header',
      });
    }
  });

  it('property: verifies what it signed, and nothing with any byte of the body changed or another secret', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.string(),
        fc.integer({ min: 0, max: 4_000_000_000 }),
        fc.nat(),
        (key, payload, t, position) => {
          const header = signatureHeaderValue([key], t, payload);
          expect(verifyWebhookSignature(header, payload, [key], { now: t }).valid).toBe(true);
          expect(verifyWebhookSignature(header, payload, [`${key}x`], { now: t }).valid).toBe(false);
          if (payload.length > 0) {
            const i = position % payload.length;
            const changed = `${payload.slice(0, i)}${payload[i] === 'a' ? 'b' : 'a'}${payload.slice(i + 1)}`;
            expect(verifyWebhookSignature(header, changed, [key], { now: t }).valid).toBe(false);
          }
          // A replay with a fresh timestamp but the old MAC fails: t is inside the MAC.
          const replayed = header.replace(/^t=\d+/, `t=${t + 1}`);
          expect(verifyWebhookSignature(replayed, payload, [key], { now: t }).valid).toBe(false);
        },
      ),
    );
  });
});
