import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { text } from 'node:stream/consumers';
import { type S3ObjectApi, spoolObjectBody } from '@platform/aws-json';
import type { ChannelId } from '@platform/payment-channels';
import {
  type StatementArchive,
  type StatementDescription,
  type StoredStatement,
  safeFileName,
  statementFolder,
} from './statement-archive.ts';

/**
 * Statements in the stack's S3 bucket (encrypted, versioned, TLS only): `statements/<channel>/<day>/<sha256>/<file>`
 * and `statements/<channel>/<day>/latest.json`.
 *
 * The body is first spooled to the function's temporary disk while it is hashed (Lambda's `/tmp`, sized for the
 * largest statement): a PutObject needs the length up front, and a download that breaks off or fails its SHA1 must
 * leave nothing in the bucket. The object is then put with its SHA-256 as S3's own checksum, so S3 refuses bytes
 * damaged on the way, and every read checks the bytes against it.
 */
export class S3StatementArchive implements StatementArchive {
  readonly #s3: S3ObjectApi;
  readonly #bucket: string;
  readonly #now: () => Date;
  readonly #spoolDir: string;

  constructor(options: {
    readonly s3: S3ObjectApi;
    readonly bucket: string;
    readonly now?: () => Date;
    readonly spoolDir?: string;
  }) {
    if (!options.bucket) throw new TypeError('S3StatementArchive: `bucket` is required');
    this.#s3 = options.s3;
    this.#bucket = options.bucket;
    this.#now = options.now ?? (() => new Date());
    this.#spoolDir = options.spoolDir ?? tmpdir();
  }

  async store(description: StatementDescription, body: AsyncIterable<Uint8Array>): Promise<StoredStatement> {
    const fileName = safeFileName(description.fileName);
    const spool = join(this.#spoolDir, `statement-${randomBytes(8).toString('hex')}`);
    try {
      const spooled = await spoolObjectBody(body, spool);
      const sha256 = spooled.sha256.toString('hex');
      const sizeBytes = spooled.contentLength;
      const folder = statementFolder(description.channel, description.businessDate);
      const key = `${folder}/${sha256}/${fileName}`;
      await this.#s3.putObject(this.#bucket, key, spooled, {
        metadata: { sha256, format: description.format, source: description.source },
      });
      const stored: StoredStatement = {
        ...description,
        fileName,
        sha256,
        sizeBytes,
        storedAt: this.#now().toISOString(),
        location: `s3://${this.#bucket}/${key}`,
      };
      await this.#s3.putObject(this.#bucket, `${folder}/latest.json`, JSON.stringify(stored), {
        contentType: 'application/json',
      });
      return stored;
    } finally {
      await rm(spool, { force: true });
    }
  }

  async latest(channel: ChannelId, businessDate: string): Promise<StoredStatement | undefined> {
    let body: AsyncIterable<Uint8Array>;
    try {
      body = await this.#s3.getObject(this.#bucket, `${statementFolder(channel, businessDate)}/latest.json`);
    } catch (error) {
      if ((error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
    return JSON.parse(await text(body)) as StoredStatement;
  }

  async *open(statement: StoredStatement): AsyncIterable<Uint8Array> {
    const prefix = `s3://${this.#bucket}/`;
    if (!statement.location.startsWith(prefix)) {
      throw new RangeError(`${statement.location} is not in bucket ${this.#bucket}.`);
    }
    yield* await this.#s3.getObject(this.#bucket, statement.location.slice(prefix.length));
  }
}
