import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { buffer, text } from 'node:stream/consumers';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AwsServiceError } from './aws-service-error.ts';
import { standardRetryPolicy } from './retry-policy.ts';
import { S3ChecksumMismatchError, S3ObjectClient } from './s3-object-client.ts';
import type { SigningCredentials } from './sigv4.ts';
import { sdkS3Authorization, sdkS3PresignedQuery } from './test-support/sdk-signer.ts';

const REGION = 'cn-north-1';
const CREDENTIALS: SigningCredentials = { accessKeyId: 'AKIDSTANDIN', secretAccessKey: 'stand-in-secret' };

/**
 * A loopback stand-in for S3, path-style, strict where S3 is: the signature must be the one the AWS SDK's signer
 * (`@smithy/signature-v4`) computes for the request as received, with the host, the payload hash, the date and the
 * checksum among the signed headers; a PUT's bytes must hash to its `x-amz-content-sha256` and
 * `x-amz-checksum-sha256`. It answers errors as S3 does, in XML with a `Code`.
 */
interface StoredObject {
  readonly body: Buffer;
  readonly headers: IncomingMessage['headers'];
}
const objects = new Map<string, StoredObject>();
/** Answers given before the next request is served: S3 being busy. */
const faults: number[] = [];
let tamperDownloads = false;
let server: Server;
let endpoint = '';

const fail = (response: ServerResponse, status: number, code: string, message: string) => {
  response.writeHead(status, { 'content-type': 'application/xml', 'x-amz-request-id': 'REQ123' });
  response.end(
    `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${code}</Code><Message>${message}</Message></Error>`,
  );
};

const amzDateOf = (text: string | null | undefined): Date => {
  const parts = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text ?? '');
  return new Date(parts ? `${parts[1]}-${parts[2]}-${parts[3]}T${parts[4]}:${parts[5]}:${parts[6]}Z` : 0);
};

/** A presigned GET: its query must carry the signature the SDK's presigner computes; the object is sent as kept. */
const servePresigned = async (request: IncomingMessage, response: ServerResponse, url: URL) => {
  const query = url.searchParams;
  const expected = new URLSearchParams(
    await sdkS3PresignedQuery({
      credentials: CREDENTIALS,
      region: REGION,
      host: request.headers.host ?? '',
      path: url.pathname,
      expiresInSeconds: Number(query.get('X-Amz-Expires')),
      date: amzDateOf(query.get('X-Amz-Date')),
    }),
  );
  if (request.method !== 'GET' || query.get('X-Amz-Signature') !== expected.get('X-Amz-Signature')) {
    return fail(response, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match.');
  }
  const object = objects.get(decodeURIComponent(url.pathname));
  if (!object) return fail(response, 404, 'NoSuchKey', 'The specified key does not exist.');
  const disposition = object.headers['content-disposition'];
  response.writeHead(200, {
    'content-length': object.body.length,
    ...(disposition ? { 'content-disposition': disposition } : {}),
  });
  response.end(object.body);
};

const serve = async (request: IncomingMessage, response: ServerResponse) => {
  const body = await buffer(request);
  const fault = faults.shift();
  if (fault) return fail(response, fault, 'SlowDown', 'Please reduce your request rate.');
  const url = new URL(request.url ?? '/', 'http://stand-in');
  if (url.searchParams.has('X-Amz-Signature')) return servePresigned(request, response, url);
  const authorization = /^AWS4-HMAC-SHA256 Credential=[^,]+, SignedHeaders=([^,]+), Signature=[0-9a-f]{64}$/.exec(
    request.headers.authorization ?? '',
  );
  const signedNames = authorization?.[1]?.split(';') ?? [];
  for (const required of ['host', 'x-amz-content-sha256', 'x-amz-date']) {
    if (!signedNames.includes(required)) return fail(response, 403, 'AccessDenied', `${required} is not signed.`);
  }
  const signed = Object.fromEntries(signedNames.map((name) => [name, String(request.headers[name])]));
  const date = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(signed['x-amz-date'] ?? '');
  const expected = await sdkS3Authorization({
    credentials: CREDENTIALS,
    region: REGION,
    method: request.method ?? '',
    host: signed.host ?? '',
    path: request.url ?? '',
    headers: signed,
    date: new Date(date ? `${date[1]}-${date[2]}-${date[3]}T${date[4]}:${date[5]}:${date[6]}Z` : 0),
  });
  if (request.headers.authorization !== expected) {
    return fail(response, 403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match.');
  }
  const key = decodeURIComponent(request.url ?? '');
  if (request.method === 'PUT') {
    if (createHash('sha256').update(body).digest('hex') !== signed['x-amz-content-sha256']) {
      return fail(response, 400, 'XAmzContentSHA256Mismatch', 'The provided x-amz-content-sha256 does not match.');
    }
    if (createHash('sha256').update(body).digest('base64') !== signed['x-amz-checksum-sha256']) {
      return fail(response, 400, 'BadDigest', 'The SHA256 you specified did not match the calculated checksum.');
    }
    objects.set(key, { body, headers: request.headers });
    response.writeHead(200, { etag: '"e"' });
    return response.end();
  }
  const object = objects.get(key);
  if (!object) return fail(response, 404, 'NoSuchKey', 'The specified key does not exist.');
  const checksum = request.headers['x-amz-checksum-mode'] === 'ENABLED' && object.headers['x-amz-checksum-sha256'];
  response.writeHead(200, {
    'content-length': object.body.length,
    ...(checksum ? { 'x-amz-checksum-sha256': checksum } : {}),
  });
  response.end(tamperDownloads ? Buffer.from(object.body).fill(0x20, 0, 1) : object.body);
};

beforeAll(async () => {
  server = createServer((request, response) => {
    serve(request, response).catch((error: unknown) => fail(response, 500, 'InternalError', String(error)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  objects.clear();
  faults.length = 0;
  tamperDownloads = false;
});

const clientWith = (credentials: SigningCredentials = CREDENTIALS) =>
  new S3ObjectClient({
    region: REGION,
    endpoint,
    pathStyle: true,
    credentials: async () => credentials,
    retry: standardRetryPolicy(3, () => 0),
  });

const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => undefined,
    (error: unknown) => error,
  );

describe('S3ObjectClient against a SigV4-checking stand-in', () => {
  it('streams a file up under its SHA-256 with metadata and reads it back, checked against S3’s checksum', async () => {
    const folder = await mkdtemp(join(tmpdir(), 's3-client-'));
    try {
      const spool = join(folder, 'statement');
      const bytes = Buffer.from('PK\u0003\u0004 对账单 rest');
      await writeFile(spool, bytes);
      const client = clientWith();
      const key = 'statements/alipay/2026-11-22/20881021 对账单(1).csv.zip';
      await client.putObject(
        'statements',
        key,
        {
          contentLength: bytes.length,
          sha256: createHash('sha256').update(bytes).digest(),
          open: () => createReadStream(spool),
        },
        { metadata: { format: 'alipay-trade-bill-zip' } },
      );
      const stored = objects.get(`/statements/${key}`);
      expect(stored?.headers['x-amz-meta-format']).toBe('alipay-trade-bill-zip');
      expect(await buffer(await client.getObject('statements', key))).toEqual(bytes);
      client.destroy();
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('puts text with its content type', async () => {
    const client = clientWith();
    await client.putObject('b', 'latest.json', '{"sha256":"ab"}', { contentType: 'application/json' });
    expect(objects.get('/b/latest.json')?.headers['content-type']).toBe('application/json');
    expect(await text(await client.getObject('b', 'latest.json'))).toBe('{"sha256":"ab"}');
    client.destroy();
  });

  it('presigns a GET that a browser can follow: the object, under the name it was put with', async () => {
    const client = clientWith();
    const disposition = 'attachment; filename="discrepancies-2026-11-22.csv"';
    await client.putObject('exports', 'finance/2026-11-22/报表 1.csv', 'a,b\r\n', { contentDisposition: disposition });
    const url = await client.presignedGetUrl('exports', 'finance/2026-11-22/报表 1.csv', 900);
    expect(url.startsWith(`${endpoint}/exports/finance/2026-11-22/`)).toBe(true);
    const answer = await fetch(url);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-disposition')).toBe(disposition);
    expect(await answer.text()).toBe('a,b\r\n');
    const tampered = url.replace('X-Amz-Expires=900', 'X-Amz-Expires=9000');
    expect((await fetch(tampered)).status).toBe(403);
    client.destroy();
  });

  it('throws NoSuchKey for a key that does not exist, at once', async () => {
    const client = clientWith();
    const error = await failureOf(client.getObject('b', 'nothing.json'));
    expect(error).toBeInstanceOf(AwsServiceError);
    expect(error).toMatchObject({
      name: 'NoSuchKey',
      message: 'The specified key does not exist.',
      $fault: 'client',
      $metadata: { httpStatusCode: 404, requestId: 'REQ123', attempts: 1 },
    });
    client.destroy();
  });

  it('retries a busy S3, opening a streamed body again for each attempt', async () => {
    const client = clientWith();
    faults.push(503, 503);
    let opened = 0;
    const bytes = Buffer.from('statement');
    await client.putObject('b', 'k', {
      contentLength: bytes.length,
      sha256: createHash('sha256').update(bytes).digest(),
      open: () => {
        opened += 1;
        return Readable.from([bytes]);
      },
    });
    expect(opened).toBe(3);
    expect(objects.get('/b/k')?.body).toEqual(bytes);
    faults.push(503, 503, 503);
    expect(await failureOf(client.getObject('b', 'k'))).toMatchObject({
      name: 'SlowDown',
      $metadata: { httpStatusCode: 503, attempts: 3 },
    });
    client.destroy();
  });

  it('is refused with SignatureDoesNotMatch when signed with another secret', async () => {
    const client = clientWith({ accessKeyId: CREDENTIALS.accessKeyId, secretAccessKey: 'another' });
    expect(await failureOf(client.putObject('b', 'k', 'x'))).toMatchObject({
      name: 'SignatureDoesNotMatch',
      $metadata: { httpStatusCode: 403, attempts: 1 },
    });
    client.destroy();
  });

  it('throws at the end of a download whose bytes do not match the checksum S3 keeps', async () => {
    const client = clientWith();
    await client.putObject('b', 'k', 'statement bytes');
    tamperDownloads = true;
    expect(await failureOf(buffer(await client.getObject('b', 'k')))).toBeInstanceOf(S3ChecksumMismatchError);
    client.destroy();
  });
});
