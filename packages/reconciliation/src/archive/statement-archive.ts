import type { ChannelId } from '@platform/payment-channels';

/**
 * Where statements are kept, exactly as the channel (or a finance officer) delivered them: the run that reconciles a
 * day reads the stored file, not the channel, so the same bytes can be read again, and a run records their SHA-256.
 *
 * Contract for adapters (local files, S3):
 * - `store` reads `body` to its end, writing the bytes unchanged and hashing them (SHA-256). If `body` throws (a
 *   broken download, a WeChat Pay SHA1 that does not match), nothing is stored and the error is thrown. A stored
 *   statement is never overwritten: each distinct file of a (channel, day) is kept under its own hash, and the
 *   (channel, day)'s `latest` pointer moves to the one just stored.
 * - `latest` answers the last statement stored for the (channel, day), or `undefined`.
 * - `open` streams the stored bytes. It does not check them: the run hashes what it reads and compares it with
 *   `sha256` (`StatementTamperedError`), so a file changed in storage is refused, not reconciled.
 */
export type StatementSource = 'channel' | 'upload';

export interface StatementDescription {
  readonly channel: ChannelId;
  readonly businessDate: string;
  /** The parser: `sandbox-csv`, `alipay-trade-bill-zip`, `wechat-pay-trade-bill-csv`. */
  readonly format: string;
  readonly fileName: string;
  readonly source: StatementSource;
  /** WeChat Pay's `hash_value` (SHA1) for the file, checked again whenever the file is parsed. */
  readonly expectedSha1?: string;
  /** Who stored it: `channel:<id>` for downloads, the officer or operator for uploads. */
  readonly storedBy: string;
}

export interface StoredStatement extends StatementDescription {
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly storedAt: string;
  /** Where the adapter keeps it (a path or an S3 key), for people reading a run record. */
  readonly location: string;
}

export interface StatementArchive {
  store(description: StatementDescription, body: AsyncIterable<Uint8Array>): Promise<StoredStatement>;
  latest(channel: ChannelId, businessDate: string): Promise<StoredStatement | undefined>;
  open(statement: StoredStatement): AsyncIterable<Uint8Array>;
}

/** The bytes read back are not the bytes stored. */
export class StatementTamperedError extends Error {
  readonly expected: string;
  readonly actual: string;

  constructor(location: string, expected: string, actual: string) {
    super(
      `The stored statement ${location} hashes to ${actual}, but ${expected} was stored: refusing to reconcile it.`,
    );
    this.name = 'StatementTamperedError';
    this.expected = expected;
    this.actual = actual;
  }
}

const SAFE_NAME = /^[\w.\-()\u4e00-\u9fff]{1,200}$/u;

/** File names come from channels and uploads: keep them to one plain path segment. */
export const safeFileName = (fileName: string): string => {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  if (!SAFE_NAME.test(base) || base.startsWith('.'))
    throw new RangeError(`Not a usable statement file name: ${fileName}`);
  return base;
};

export const statementFolder = (channel: ChannelId, businessDate: string): string =>
  `statements/${channel}/${businessDate}`;
