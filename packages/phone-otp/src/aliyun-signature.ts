import { createHmac } from 'node:crypto';

/**
 * Alibaba Cloud's signature for RPC-style APIs (signature version 1.0, HMAC-SHA1), as its "Request signature"
 * documentation specifies:
 *
 * 1. percent-encode each parameter name and value as UTF-8, leaving only `A–Z a–z 0–9 - _ . ~` unencoded, with
 *    upper-case hex, a space as `%20` (never `+`), `*` as `%2A` and `~` kept;
 * 2. sort the parameters (all but `Signature`) by name and join them as `name=value` with `&`: the canonicalised
 *    query string;
 * 3. string to sign = `HTTPMethod&%2F&` + percent-encode(canonicalised query string);
 * 4. signature = Base64(HMAC-SHA1(key = AccessKeySecret + "&", string to sign)).
 */
const UNRESERVED = /^[A-Za-z0-9\-_.~]$/;

export const percentEncode = (value: string): string => {
  let encoded = '';
  for (const character of value) {
    if (UNRESERVED.test(character)) {
      encoded += character;
      continue;
    }
    for (const byte of Buffer.from(character, 'utf8'))
      encoded += `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return encoded;
};

/** By code unit order of the names, which for the ASCII names of Alibaba Cloud's parameters is byte order. */
export const canonicalizedQueryString = (parameters: Readonly<Record<string, string>>): string =>
  Object.keys(parameters)
    .filter((name) => name !== 'Signature')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => `${percentEncode(name)}=${percentEncode(parameters[name] ?? '')}`)
    .join('&');

export const rpcStringToSign = (method: 'GET' | 'POST', parameters: Readonly<Record<string, string>>): string =>
  `${method}&${percentEncode('/')}&${percentEncode(canonicalizedQueryString(parameters))}`;

export const rpcSignature = (
  method: 'GET' | 'POST',
  parameters: Readonly<Record<string, string>>,
  accessKeySecret: string,
): string =>
  createHmac('sha1', `${accessKeySecret}&`).update(rpcStringToSign(method, parameters), 'utf8').digest('base64');
