import { createHmac } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

/**
 * The network a request comes from, as the rate limits count it: an IPv4 address, or the /64 prefix of an IPv6
 * address (one subscriber usually holds a whole /64). Anything that does not parse shares one bucket, so that a caller
 * bug cannot lift the limit. The same rule as `@platform/phone-otp` (whose helper is not exported).
 */
export const rateLimitNetwork = (ip: string): string => {
  const address = ip.trim().replace(/^\[|\]$/g, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped && isIPv4(mapped)) return mapped;
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return 'unparsed';
  const [head = '', tail] = (address.split('%')[0] ?? '').split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((group) => (Number.parseInt(group, 16) || 0).toString(16))
    .join(':')}::/64`;
};

/**
 * `networkIndex` for `createAttemptGuard`: a keyed hash of the network, so counters hold no address. Use the
 * platform's blind-index key (32 bytes or more).
 */
export const createNetworkIndex = (key: Uint8Array): ((ip: string) => string) => {
  if (key.length < 32) throw new RangeError('the network index key must be at least 32 bytes');
  const secret = Buffer.from(key);
  return (ip) =>
    createHmac('sha256', secret)
      .update(`ip-network/v1:${rateLimitNetwork(ip)}`)
      .digest('base64url');
};
