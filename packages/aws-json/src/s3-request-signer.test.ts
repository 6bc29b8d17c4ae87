import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { S3RequestSigner, uriEncode } from './s3-request-signer.ts';
import { sdkS3Authorization, sdkS3PresignedQuery } from './test-support/sdk-signer.ts';

describe('S3RequestSigner', () => {
  const date = new Date('2026-11-23T01:02:03.456Z');

  it('encodes a path segment as RFC 3986 wants it', () => {
    expect(uriEncode("a b+c/d!'()*~._-ü")).toBe('a%20b%2Bc%2Fd%21%27%28%29%2A~._-%C3%BC');
  });

  it.each([
    [
      'a PUT with a checksum, metadata and temporary credentials, virtual-hosted',
      {
        accessKeyId: 'ASIAEXAMPLE',
        secretAccessKey: 'secret',
        sessionToken: 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ==',
      },
      'PUT',
      'statements-bucket.s3.cn-north-1.amazonaws.com.cn',
      `/statements/alipay/2026-11-22/${uriEncode('20881021_20261122 (1).csv.zip')}`,
      {
        'content-length': '9',
        'content-type': 'application/zip',
        'x-amz-checksum-sha256': createHash('sha256').update('PK rest').digest('base64'),
        'x-amz-meta-format': 'alipay-trade-bill-zip',
      },
      createHash('sha256').update('PK rest').digest('hex'),
    ],
    [
      'a GET with long-term credentials, path-style with a port',
      { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG' },
      'GET',
      '127.0.0.1:4569',
      '/bucket/latest.json',
      { 'x-amz-checksum-mode': 'ENABLED' },
      createHash('sha256').digest('hex'),
    ],
  ])(
    'signs exactly as @smithy/signature-v4 does: %s',
    async (_case, credentials, method, host, path, headers, hash) => {
      const ours = new S3RequestSigner('cn-north-1').sign({
        credentials,
        method,
        host,
        path,
        headers,
        payloadSha256: hash,
        date,
      });
      expect(ours['x-amz-content-sha256']).toBe(hash);
      expect(ours['x-amz-security-token']).toBe('sessionToken' in credentials ? credentials.sessionToken : undefined);
      const { authorization, ...sent } = ours;
      const sdk = await sdkS3Authorization({
        credentials,
        region: 'cn-north-1',
        method,
        host,
        path,
        headers: sent,
        date,
      });
      expect(authorization).toBe(sdk);
    },
  );

  it.each([
    ['permanent credentials', { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' }],
    [
      'temporary credentials',
      { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 'secret', sessionToken: 'IQoJb3JpZ2luX2Vj/+=token' },
    ],
  ])('presigns a GET exactly as the SDK does, with %s', async (_case, credentials) => {
    const host = 'statements-bucket.s3.cn-north-1.amazonaws.com.cn';
    const path = `/exports/${uriEncode('discrepancies-2026-11-22 (1).csv')}`;
    const query = new S3RequestSigner('cn-north-1').presignGet({
      credentials,
      host,
      path,
      expiresInSeconds: 900,
      date,
    });
    const sdk = await sdkS3PresignedQuery({
      credentials,
      region: 'cn-north-1',
      host,
      path,
      expiresInSeconds: 900,
      date,
    });
    const sorted = (text: string) => new URLSearchParams(text).toString().split('&').sort().join('&');
    expect(sorted(query)).toBe(sorted(sdk));
    expect(new URLSearchParams(query).get('X-Amz-SignedHeaders')).toBe('host');
  });

  it('refuses a presigned URL that would last longer than S3 allows', () => {
    const signer = new S3RequestSigner('cn-north-1');
    const credentials = { accessKeyId: 'AKIAEXAMPLE', secretAccessKey: 'secret' };
    for (const expiresInSeconds of [0, 604_801, 1.5]) {
      expect(() => signer.presignGet({ credentials, host: 'h', path: '/k', expiresInSeconds })).toThrow(RangeError);
    }
  });
});
