import { createHmac } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';

/**
 * The network a request comes from, as a send limit counts it: an IPv4 address, or the /64 prefix of an IPv6
 * address (one subscriber usually holds a whole /64, so counting single IPv6 addresses would count nothing).
 * An address that does not parse lands in one shared bucket: a caller bug must not lift the limit.
 */
export const rateLimitNetwork = (ip: string): string => {
  const address = ip.trim().replace(/^\[|\]$/g, '');
  if (isIPv4(address)) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1] && isIPv4(mapped[1])) return mapped[1];
  if (isIPv6(address)) return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
  return 'unparsed';
};

const expandIPv6 = (address: string): string[] => {
  const withoutZone = address.split('%')[0] ?? '';
  const [head = '', tail] = withoutZone.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const missing = 8 - left.length - right.length;
  const groups = tail === undefined ? left : [...left, ...Array<string>(missing).fill('0'), ...right];
  return groups.map((group) => (Number.parseInt(group, 16) || 0).toString(16));
};

/** IP addresses are personal data too: rate-limit items carry only this keyed hash of the network. */
export const networkBlindIndex = (blindIndexKey: Buffer, ip: string): string =>
  createHmac('sha256', blindIndexKey)
    .update(`ip-network/v1:${rateLimitNetwork(ip)}`)
    .digest('base64url');
