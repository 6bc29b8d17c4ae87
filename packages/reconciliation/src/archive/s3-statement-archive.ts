import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { GetObjectCommand, NoSuchKey, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
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
 * damaged on the way.
 */
export class S3StatementArchive implements StatementArchive {
  readonly #s3: S3Client;
  readonly #bucket: string;
  readonly #now: () => Date;
  readonly #spoolDir: string;

  constructor(options: {
    readonly s3: S3Client;
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
    const hash = createHash('sha256');
    let sizeBytes = 0;
    try {
      await pipeline(
        (async function* () {
          for await (const chunk of body) {
            hash.update(chunk);
            sizeBytes += chunk.byteLength;
            yield chunk;
          }
        })(),
        createWriteStream(spool, { flags: 'wx' }),
      );
      const digest = hash.digest();
      const sha256 = digest.toString('hex');
      const folder = statementFolder(description.channel, description.businessDate);
      const key = `${folder}/${sha256}/${fileName}`;
      await this.#s3.send(
        new PutObjectCommand({
          Bucket: this.#bucket,
          Key: key,
          Body: createReadStream(spool),
          ContentLength: sizeBytes,
          ChecksumSHA256: digest.toString('base64'),
          Metadata: { sha256, format: description.format, source: description.source },
        }),
      );
      const stored: StoredStatement = {
        ...description,
        fileName,
        sha256,
        sizeBytes,
        storedAt: this.#now().toISOString(),
        location: `s3://${this.#bucket}/${key}`,
      };
      await this.#s3.send(
        new PutObjectCommand({
          Bucket: this.#bucket,
          Key: `${folder}/latest.json`,
          Body: JSON.stringify(stored),
          ContentType: 'application/json',
        }),
      );
      return stored;
    } finally {
      await rm(spool, { force: true });
    }
  }

  async latest(channel: ChannelId, businessDate: string): Promise<StoredStatement | undefined> {
    try {
      const answer = await this.#s3.send(
        new GetObjectCommand({ Bucket: this.#bucket, Key: `${statementFolder(channel, businessDate)}/latest.json` }),
      );
      return JSON.parse((await answer.Body?.transformToString('utf-8')) ?? '') as StoredStatement;
    } catch (error) {
      if (error instanceof NoSuchKey || (error as { name?: string }).name === 'NoSuchKey') return undefined;
      throw error;
    }
  }

  async *open(statement: StoredStatement): AsyncIterable<Uint8Array> {
    const prefix = `s3://${this.#bucket}/`;
    if (!statement.location.startsWith(prefix)) {
      throw new RangeError(`${statement.location} is not in bucket ${this.#bucket}.`);
    }
    const answer = await this.#s3.send(
      new GetObjectCommand({ Bucket: this.#bucket, Key: statement.location.slice(prefix.length) }),
    );
    yield* answer.Body as AsyncIterable<Uint8Array>;
  }
}
