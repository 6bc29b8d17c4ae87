import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS } from './aws-credentials.ts';
import { AwsJsonClient } from './aws-json-client.ts';
import { AwsServiceError } from './aws-service-error.ts';
import { standardRetryPolicy } from './retry-policy.ts';

interface Seen {
  readonly target: string | undefined;
  readonly contentType: string | undefined;
  readonly authorization: string | undefined;
  readonly body: string;
}

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** A stand-in service answering each request with the next of `answers` (status, body). */
const serve = async (answers: [number, unknown][]) => {
  const seen: Seen[] = [];
  server = createServer(async (request: IncomingMessage, response) => {
    let body = '';
    for await (const chunk of request) body += chunk;
    seen.push({
      target: request.headers['x-amz-target'] as string | undefined,
      contentType: request.headers['content-type'],
      authorization: request.headers.authorization,
      body,
    });
    const [status, answer] = answers[Math.min(seen.length - 1, answers.length - 1)] as [number, unknown];
    response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': 'req-1' });
    response.end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const client = new AwsJsonClient({
    service: 'kms',
    targetPrefix: 'TrentService.',
    contentType: 'application/x-amz-json-1.1',
    endpoint: `http://127.0.0.1:${port}`,
    region: 'cn-north-1',
    credentials: LOCAL_CREDENTIALS,
    retry: standardRetryPolicy(3, () => 0),
  });
  return { client, seen };
};

describe('AwsJsonClient', () => {
  it('posts the operation as a signed JSON request and returns the output with metadata', async () => {
    const { client, seen } = await serve([[200, { KeyId: 'k' }]]);
    const { output, $metadata } = await client.call('Decrypt', { CiphertextBlob: 'AAAA' });
    expect(output).toEqual({ KeyId: 'k' });
    expect($metadata).toMatchObject({ httpStatusCode: 200, requestId: 'req-1', attempts: 1 });
    expect(seen[0]).toMatchObject({ target: 'TrentService.Decrypt', contentType: 'application/x-amz-json-1.1' });
    expect(seen[0]?.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=local\/\d{8}\/cn-north-1\/kms\/aws4_request/);
    expect(JSON.parse(seen[0]?.body ?? '')).toEqual({ CiphertextBlob: 'AAAA' });
    client.destroy();
  });

  it('throws a final error at once, named after the service error type, with its members', async () => {
    const { client, seen } = await serve([
      [400, { __type: 'com.amazonaws.kms#InvalidCiphertextException', message: 'bad blob', Extra: 1 }],
    ]);
    const error = await client.call('Decrypt', {}).catch((failure: unknown) => failure);
    expect(error).toBeInstanceOf(AwsServiceError);
    expect(error).toMatchObject({
      name: 'InvalidCiphertextException',
      message: 'bad blob',
      Extra: 1,
      $fault: 'client',
    });
    expect((error as AwsServiceError).$metadata).toMatchObject({ httpStatusCode: 400, attempts: 1 });
    expect(seen).toHaveLength(1);
    client.destroy();
  });

  it('retries server errors and throttling, then succeeds', async () => {
    const { client, seen } = await serve([
      [500, { __type: 'InternalServerError' }],
      [400, { __type: 'ThrottlingException' }],
      [200, { ok: true }],
    ]);
    const { output, $metadata } = await client.call('GenerateDataKey', {});
    expect(output).toEqual({ ok: true });
    expect($metadata.attempts).toBe(3);
    expect(seen).toHaveLength(3);
    client.destroy();
  });

  it('gives up after the maximum attempts and says how many were made', async () => {
    const { client, seen } = await serve([[503, {}]]);
    const error = await client.call('Decrypt', {}).catch((failure: unknown) => failure);
    expect(error).toMatchObject({ name: 'Http503', $fault: 'server' });
    expect((error as AwsServiceError).$metadata.attempts).toBe(3);
    expect(seen).toHaveLength(3);
    client.destroy();
  });

  it('refuses an endpoint with a path', () => {
    expect(
      () =>
        new AwsJsonClient({
          service: 'kms',
          targetPrefix: 'TrentService.',
          contentType: 'application/x-amz-json-1.1',
          endpoint: 'https://kms.example/path',
          region: 'cn-north-1',
          credentials: LOCAL_CREDENTIALS,
        }),
    ).toThrow(/a path or query is not supported/);
  });
});
