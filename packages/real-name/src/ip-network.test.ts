import { describe, expect, it } from 'vitest';
import { createNetworkIndex, rateLimitNetwork } from './ip-network.ts';

describe('rateLimitNetwork', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9'],
    ['::ffff:203.0.113.9', '203.0.113.9'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['[2001:db8:1:2::99]', '2001:db8:1:2::/64'],
    ['2001:db8::1', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['not an address', 'unparsed'],
  ])('%s → %s', (ip, network) => {
    expect(rateLimitNetwork(ip)).toBe(network);
  });
});

describe('createNetworkIndex', () => {
  it('hashes one network to one value, under the key', () => {
    const index = createNetworkIndex(new Uint8Array(32).fill(1));
    expect(index('2001:db8:1:2::1')).toBe(index('2001:db8:1:2::ffff'));
    expect(index('203.0.113.9')).not.toBe(index('203.0.113.10'));
    expect(index('203.0.113.9')).not.toBe(createNetworkIndex(new Uint8Array(32).fill(2))('203.0.113.9'));
    expect(index('203.0.113.9')).not.toContain('203');
  });

  it('refuses a short key', () => {
    expect(() => createNetworkIndex(new Uint8Array(16))).toThrow(RangeError);
  });
});
