import { describe, expect, it } from 'vitest';
import { signSandboxPayload, verifySandboxSignature } from './sandbox-signature.ts';

const NOW = Date.parse('2025-03-01T00:00:00Z');

describe('sandbox HMAC signature', () => {
  it('verifies what it signed, within five minutes', () => {
    const header = signSandboxPayload('secret', '{"a":1}', NOW);
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(verifySandboxSignature('secret', header, '{"a":1}', NOW + 299_000)).toBe(true);
  });

  it('refuses another payload, another secret, a stale or future time, and junk', () => {
    const header = signSandboxPayload('secret', '{"a":1}', NOW);
    expect(verifySandboxSignature('secret', header, '{"a":2}', NOW)).toBe(false);
    expect(verifySandboxSignature('other', header, '{"a":1}', NOW)).toBe(false);
    expect(verifySandboxSignature('secret', header, '{"a":1}', NOW + 301_000)).toBe(false);
    expect(verifySandboxSignature('secret', header, '{"a":1}', NOW - 301_000)).toBe(false);
    for (const junk of [undefined, '', 't=1', 'v1=00', `t=x,v1=${'0'.repeat(64)}`, 't=1,v1=zz']) {
      expect(verifySandboxSignature('secret', junk, '{"a":1}', NOW)).toBe(false);
    }
  });
});
