import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { AwsJsonRequestSigner, amzDate, type SigningCredentials } from './sigv4.ts';
import { Sha256 } from './test-support/sdk-signer.ts';

const CONTENT_TYPE = 'application/x-amz-json-1.0';

/** The SDK's signature for the same request, as its signing middleware computes it. */
const sdkAuthorization = async (options: {
  credentials: SigningCredentials;
  region: string;
  host: string;
  target: string;
  body: string;
  date: Date;
}) => {
  const signer = new SignatureV4({
    credentials: options.credentials,
    region: options.region,
    service: 'dynamodb',
    sha256: Sha256,
    // x-amz-content-sha256 is S3's; DynamoDB does not need it, and we do not send it.
    applyChecksum: false,
  });
  const [hostname, port] = options.host.split(':');
  const signed = (await signer.sign(
    {
      method: 'POST',
      protocol: 'http:',
      hostname: hostname as string,
      ...(port ? { port: Number(port) } : {}),
      path: '/',
      query: {},
      headers: { host: options.host, 'content-type': CONTENT_TYPE, 'x-amz-target': options.target },
      body: options.body,
    } as never,
    { signingDate: options.date },
  )) as unknown as { headers: Record<string, string> };
  return signed.headers;
};

describe('AwsJsonRequestSigner', () => {
  const date = new Date('2025-03-04T05:06:07.890Z');

  it('formats x-amz-date as SigV4 wants it', () => {
    expect(amzDate(date)).toBe('20250304T050607Z');
  });

  it.each([
    [
      'long-term credentials, default port',
      { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG' },
      'dynamodb.eu-west-1.amazonaws.com',
    ],
    ['a port in the host', { accessKeyId: 'local', secretAccessKey: 'local' }, '127.0.0.1:8000'],
    [
      'temporary credentials (session token signed and sent)',
      {
        accessKeyId: 'ASIAEXAMPLE',
        secretAccessKey: 'secret',
        sessionToken: 'IQoJb3JpZ2luX2VjEJr//////////wEaCXVzLWVhc3QtMSJHMEUCIQ==',
      },
      'dynamodb.cn-north-1.amazonaws.com.cn',
    ],
  ])('signs exactly as @smithy/signature-v4 does: %s', async (_name, credentials, host) => {
    const body = JSON.stringify({ TableName: 'identity', Key: { pk: { S: 'ACCOUNT#ü—😀' }, sk: { S: 'PROFILE' } } });
    const target = 'DynamoDB_20120810.GetItem';
    const ours = new AwsJsonRequestSigner('eu-west-1').sign({
      credentials,
      host,
      contentType: CONTENT_TYPE,
      target,
      body,
      date,
    });
    const sdk = await sdkAuthorization({ credentials, region: 'eu-west-1', host, target, body, date });
    expect(ours.authorization).toBe(sdk.authorization);
    expect(ours['x-amz-date']).toBe(sdk['x-amz-date']);
    expect(ours['x-amz-security-token']).toBe(sdk['x-amz-security-token']);
  });

  it('derives a new signing key when the day or the secret changes', async () => {
    const signer = new AwsJsonRequestSigner('local');
    const request = { host: 'h', contentType: CONTENT_TYPE, target: 'DynamoDB_20120810.PutItem', body: '{}' };
    for (const [credentials, at] of [
      [{ accessKeyId: 'a', secretAccessKey: 'one' }, new Date('2025-03-04T23:59:59Z')],
      [{ accessKeyId: 'a', secretAccessKey: 'one' }, new Date('2025-03-05T00:00:01Z')],
      [{ accessKeyId: 'a', secretAccessKey: 'two' }, new Date('2025-03-05T00:00:02Z')],
    ] as const) {
      const ours = signer.sign({ ...request, credentials, date: at });
      const sdk = await sdkAuthorization({ credentials, region: 'local', ...request, date: at });
      expect(ours.authorization).toBe(sdk.authorization);
    }
  });
});
