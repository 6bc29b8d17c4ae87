import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalizedQueryString, percentEncode, rpcSignature, rpcStringToSign } from './aliyun-signature.ts';

/**
 * The worked example of Alibaba Cloud's "Request signature" documentation for RPC APIs (DescribeRegions with
 * AccessKeyId `testid`, AccessKeySecret `testsecret`): an outside vector, not our code checking itself.
 */
const DOCUMENTED_PARAMETERS = {
  Timestamp: '2016-02-23T12:46:24Z',
  Format: 'XML',
  AccessKeyId: 'testid',
  Action: 'DescribeRegions',
  SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: '3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf',
  Version: '2014-05-26',
  SignatureVersion: '1.0',
};

describe('Alibaba Cloud RPC signature', () => {
  it('gives the signature of the documented example', () => {
    expect(rpcSignature('GET', DOCUMENTED_PARAMETERS, 'testsecret')).toBe('OLeaidS1JvxuMvnyHOwuJ+uX5qY=');
  });

  it('builds the documented string to sign: sorted, encoded, and the timestamp colon encoded twice', () => {
    expect(rpcStringToSign('GET', DOCUMENTED_PARAMETERS)).toBe(
      'GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML%26SignatureMethod%3DHMAC-SHA1' +
        '%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf%26SignatureVersion%3D1.0' +
        '%26Timestamp%3D2016-02-23T12%253A46%253A24Z%26Version%3D2014-05-26',
    );
  });

  it('leaves Signature itself out of the canonicalised query', () => {
    expect(canonicalizedQueryString({ B: '2', Signature: 'x', A: '1' })).toBe('A=1&B=2');
  });

  it('percent-encodes by the documented rules', () => {
    expect(percentEncode('a b')).toBe('a%20b');
    expect(percentEncode('a*b')).toBe('a%2Ab');
    expect(percentEncode('a~b-_.')).toBe('a~b-_.');
    expect(percentEncode("!'()+/=")).toBe('%21%27%28%29%2B%2F%3D');
    expect(percentEncode('政务')).toBe('%E6%94%BF%E5%8A%A1');
    expect(percentEncode('{"code":"004217"}')).toBe('%7B%22code%22%3A%22004217%22%7D');
  });

  it('agrees with the documented recipe (URL-encode, then + → %20, * → %2A, %7E → ~) on any text', () => {
    const recipe = (value: string) =>
      encodeURIComponent(value)
        .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
        .replace(/%7E/g, '~');
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (value) => {
        expect(percentEncode(value)).toBe(recipe(value));
        expect(decodeURIComponent(percentEncode(value))).toBe(value);
      }),
    );
  });
});
