import { createHash } from 'node:crypto';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { S3StatementArchive } from './s3-statement-archive.ts';

/** An S3 client that keeps objects in a map, reading streamed bodies as S3 would. */
const fakeS3 = () => {
  const objects = new Map<string, { body: Buffer; input: Record<string, unknown> }>();
  const send = async (command: unknown) => {
    if (command instanceof PutObjectCommand) {
      const { Body, Key } = command.input;
      const chunks: Buffer[] = [];
      if (typeof Body === 'string') chunks.push(Buffer.from(Body));
      else for await (const chunk of Body as AsyncIterable<Buffer>) chunks.push(chunk);
      objects.set(Key as string, {
        body: Buffer.concat(chunks),
        input: command.input as unknown as Record<string, unknown>,
      });
      return {};
    }
    if (command instanceof GetObjectCommand) {
      const object = objects.get(command.input.Key as string);
      if (!object) throw Object.assign(new Error('NoSuchKey'), { name: 'NoSuchKey' });
      return {
        Body: Object.assign(
          (async function* () {
            yield object.body;
          })(),
          { transformToString: async () => object.body.toString('utf8') },
        ),
      };
    }
    throw new Error('unexpected command');
  };
  return { client: { send } as unknown as S3Client, objects };
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
    expect(s3.objects.get(key)?.input).toMatchObject({ ChecksumSHA256: digest.toString('base64'), ContentLength: 9 });
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
