import { createHash } from 'node:crypto';
import type { ObjectBody, PutObjectOptions, S3ObjectApi } from '@platform/aws-json';
import { describe, expect, it } from 'vitest';
import { S3StatementArchive } from './s3-statement-archive.ts';

/** An S3 that keeps objects in a map, reading streamed bodies as S3 would. */
const fakeS3 = () => {
  const objects = new Map<string, { body: Buffer; sha256?: Buffer; options: PutObjectOptions }>();
  const client: S3ObjectApi = {
    putObject: async (_bucket: string, key: string, body: ObjectBody, options: PutObjectOptions = {}) => {
      if (typeof body === 'string' || body instanceof Uint8Array) {
        objects.set(key, { body: Buffer.from(body), options });
        return;
      }
      const chunks: Buffer[] = [];
      for await (const chunk of body.open()) chunks.push(chunk as Buffer);
      objects.set(key, { body: Buffer.concat(chunks), sha256: body.sha256, options });
    },
    getObject: async (_bucket: string, key: string) => {
      const object = objects.get(key);
      if (!object) throw Object.assign(new Error('The specified key does not exist.'), { name: 'NoSuchKey' });
      return (async function* () {
        yield object.body;
      })();
    },
    presignedGetUrl: async () => {
      throw new Error('The statement archive hands out no URLs.');
    },
  };
  return { client, objects };
};

const description = {
  channel: 'alipay',
  businessDate: '2026-11-22',
  format: 'alipay-trade-bill-zip',
  fileName: '20881021_20261122.csv.zip',
  source: 'channel',
  storedBy: 'channel:alipay',
} as const;

async function* bytes(...parts: string[]) {
  for (const part of parts) yield Buffer.from(part);
}

describe('S3StatementArchive', () => {
  it('puts the bytes unchanged under their SHA-256 with S3 checking the checksum, and points latest at them', async () => {
    const s3 = fakeS3();
    const archive = new S3StatementArchive({ s3: s3.client, bucket: 'statements-bucket' });
    const stored = await archive.store(description, bytes('PK', '\u0003\u0004 rest'));
    const digest = createHash('sha256').update('PK\u0003\u0004 rest').digest();
    expect(stored).toMatchObject({ sha256: digest.toString('hex'), sizeBytes: 9 });
    const key = `statements/alipay/2026-11-22/${stored.sha256}/${description.fileName}`;
    expect(stored.location).toBe(`s3://statements-bucket/${key}`);
    expect(s3.objects.get(key)?.sha256).toEqual(digest);
    expect(s3.objects.get(key)?.options.metadata).toMatchObject({ sha256: stored.sha256, format: description.format });
    expect(await archive.latest('alipay', '2026-11-22')).toEqual(stored);
    const read: Buffer[] = [];
    for await (const chunk of archive.open(stored)) read.push(Buffer.from(chunk));
    expect(Buffer.concat(read).toString()).toBe('PK\u0003\u0004 rest');
  });

  it('stores nothing when the download breaks off', async () => {
    const s3 = fakeS3();
    const archive = new S3StatementArchive({ s3: s3.client, bucket: 'b' });
    async function* broken() {
      yield Buffer.from('half');
      throw new Error('connection reset');
    }
    await expect(archive.store(description, broken())).rejects.toThrow('connection reset');
    expect(s3.objects.size).toBe(0);
    expect(await archive.latest('alipay', '2026-11-22')).toBeUndefined();
  });
});
