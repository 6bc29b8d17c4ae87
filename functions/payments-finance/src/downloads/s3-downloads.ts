import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type S3ObjectApi, spoolObjectBody } from '@platform/aws-json';
import { attachment, type DeliverDownload } from './report-download.ts';

/** Long enough to follow the redirect on a slow line, short enough that a copied link soon stops working. */
export const DOWNLOAD_URL_SECONDS = 300;

/**
 * Report files of any size from a Lambda function: the body is written to the function's temporary disk as it is
 * generated (hashed on the way: S3 needs the length and checksum up front), put under `exports/<random>/<file>` in
 * the statements bucket (removed by a lifecycle rule after a day), and the browser is sent there with a `303` to a
 * presigned URL that lasts `DOWNLOAD_URL_SECONDS`. The random key part means a URL names one download only.
 */
export const s3Downloads =
  (options: { readonly s3: S3ObjectApi; readonly bucket: string; readonly spoolDir?: string }): DeliverDownload =>
  async ({ fileName, contentType, body }) => {
    const disposition = attachment(fileName);
    const key = `exports/${randomUUID()}/${fileName}`;
    const spool = join(options.spoolDir ?? tmpdir(), `export-${randomUUID()}`);
    try {
      await options.s3.putObject(options.bucket, key, await spoolObjectBody(body, spool), {
        contentType,
        contentDisposition: disposition,
      });
    } finally {
      await rm(spool, { force: true });
    }
    return {
      statusCode: 303,
      headers: {
        location: await options.s3.presignedGetUrl(options.bucket, key, DOWNLOAD_URL_SECONDS),
        'cache-control': 'no-store',
      },
    };
  };
