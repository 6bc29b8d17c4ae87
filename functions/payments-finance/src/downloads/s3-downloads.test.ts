import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buffer } from 'node:stream/consumers';
import type { ObjectBody, PutObjectOptions, S3ObjectApi } from '@platform/aws-json';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inlineDownloads } from './report-download.ts';
import { DOWNLOAD_URL_SECONDS, s3Downloads } from './s3-downloads.ts';

async function* rows(count: number) {
  yield '\ufeffline,amount\r\n';
  for (let i = 0; i < count; i += 1) yield `${i},12.34\r\n`;
}

describe('report downloads', () => {
  let spoolDir: string;
  beforeEach(async () => {
    spoolDir = await mkdtemp(join(tmpdir(), 'exports-'));
  });
  afterEach(() => rm(spoolDir, { recursive: true, force: true }));

  /** An S3 that keeps what it is given and signs nothing: the protocol itself is @platform/aws-json's tests'. */
  const fakeS3 = (failPut = false) => {
    const puts: { key: string; bytes: Buffer; sha256: Buffer; options: PutObjectOptions | undefined }[] = [];
    const s3: S3ObjectApi = {
      putObject: async (_bucket: string, key: string, body: ObjectBody, options?: PutObjectOptions) => {
        if (failPut) throw Object.assign(new Error('Please reduce your request rate.'), { name: 'SlowDown' });
        if (typeof body === 'string' || body instanceof Uint8Array) throw new Error('expected a streamed body');
        puts.push({ key, bytes: await buffer(body.open()), sha256: body.sha256, options });
      },
      getObject: async () => {
        throw new Error('not used');
      },
      presignedGetUrl: async (bucket, key, seconds) => `https://${bucket}.s3.example/${key}?X-Amz-Expires=${seconds}`,
    };
    return { s3, puts };
  };

  it('puts a large file under a fresh key and redirects to a short-lived URL of it, leaving no spool behind', async () => {
    const { s3, puts } = fakeS3();
    const deliver = s3Downloads({ s3, bucket: 'statements', spoolDir });
    const answer = await deliver({
      fileName: 'discrepancies-2026-11-22.csv',
      contentType: 'text/csv; charset=utf-8',
      body: rows(500_000),
    });
    expect(answer.statusCode).toBe(303);
    const [put] = puts;
    expect(put?.key).toMatch(/^exports\/[0-9a-f-]{36}\/discrepancies-2026-11-22\.csv$/);
    expect(answer.headers?.location).toBe(
      `https://statements.s3.example/${put?.key}?X-Amz-Expires=${DOWNLOAD_URL_SECONDS}`,
    );
    expect(put?.bytes.length).toBeGreaterThan(6 * 1024 * 1024);
    expect(put?.bytes.toString('utf8').split('\r\n')).toHaveLength(500_002);
    expect(put?.options).toEqual({
      contentType: 'text/csv; charset=utf-8',
      contentDisposition: 'attachment; filename="discrepancies-2026-11-22.csv"',
    });
    expect(await readdir(spoolDir)).toEqual([]);
    const second = await deliver({ fileName: 'discrepancies-2026-11-22.csv', contentType: 'text/csv', body: rows(1) });
    expect(second.headers?.location).not.toBe(answer.headers?.location);
  });

  it('fails without a URL, and without a spool file, when S3 refuses the file', async () => {
    const { s3 } = fakeS3(true);
    const deliver = s3Downloads({ s3, bucket: 'statements', spoolDir });
    await expect(deliver({ fileName: 'a.csv', contentType: 'text/csv', body: rows(3) })).rejects.toThrow('reduce');
    expect(await readdir(spoolDir)).toEqual([]);
  });

  it('refuses a file name that would need escaping', async () => {
    const { s3, puts } = fakeS3();
    for (const fileName of ['a"b.csv', '../x.csv', '', '报表.csv']) {
      await expect(
        s3Downloads({ s3, bucket: 'b', spoolDir })({ fileName, contentType: 'text/csv', body: rows(1) }),
      ).rejects.toThrow(TypeError);
      await expect(inlineDownloads({ fileName, contentType: 'text/csv', body: rows(1) })).rejects.toThrow(TypeError);
    }
    expect(puts).toEqual([]);
  });

  it('answers the file itself where there is no S3 (the local runtime)', async () => {
    const answer = await inlineDownloads({ fileName: 'a.csv', contentType: 'text/csv', body: rows(2) });
    expect(answer).toMatchObject({
      statusCode: 200,
      headers: { 'content-disposition': 'attachment; filename="a.csv"', 'content-type': 'text/csv' },
      body: '\ufeffline,amount\r\n0,12.34\r\n1,12.34\r\n',
    });
  });
});
