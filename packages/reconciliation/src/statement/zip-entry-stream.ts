import { Readable } from 'node:stream';
import { crc32, createInflateRaw } from 'node:zlib';
import { ByteReader } from './byte-reader.ts';
import { StatementFormatError } from './statement-errors.ts';

/**
 * Streams one entry out of a zip read front to back through its local file headers (PKZIP APPNOTE 4.3.7), never the
 * whole archive: the central directory at the end is not needed. Entries before the wanted one are skipped by their
 * compressed size. The wanted entry is inflated with `createInflateRaw` as it arrives, its CRC-32 and size checked at
 * the end. Deflate (8) and stored (0) entries, no zip64, no encryption.
 *
 * Sizes deferred to a data descriptor (flag bit 3, as Java's `ZipOutputStream` writes them) are supported for the
 * wanted entry only: the deflate stream marks its own end, and the CRC then cannot be checked before the end of the
 * file. An entry with a descriptor before the wanted one is `unsupported_zip` (its length is unknown). After the
 * wanted entry the rest of the archive is read and dropped, and must end with the end-of-central-directory record: a
 * file cut anywhere is `truncated`. (Comments longer than about 1 KiB would not be found; Alipay writes none.)
 */
const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_DIRECTORY = 0x06054b50;
const ENCRYPTED = 0x1;
const DATA_DESCRIPTOR = 0x8;
const UTF8_NAME = 0x800;

export interface ZipEntryName {
  readonly bytes: Uint8Array;
  /** Decoded as UTF-8 when the entry says so (flag bit 11), else as GBK (Alipay's names). */
  readonly text: string;
}

/** The end-of-central-directory record, with its comment (if any) reaching exactly to the end of the file. */
const endsWithDirectory = (tail: Buffer): boolean => {
  for (let at = tail.length - 22; at >= 0; at -= 1) {
    if (tail.readUInt32LE(at) === END_OF_DIRECTORY && at + 22 + tail.readUInt16LE(at + 20) === tail.length) return true;
  }
  return false;
};

export async function* zipEntryStream(
  body: AsyncIterable<Uint8Array>,
  wanted: (name: ZipEntryName) => boolean,
  format: string,
): AsyncGenerator<Uint8Array> {
  const reader = new ByteReader(body);
  const fail = (
    reason: 'not_a_zip' | 'truncated' | 'unsupported_zip' | 'missing_bill_entry',
    detail: string,
  ): never => {
    throw new StatementFormatError(format, 0, reason, detail);
  };
  try {
    for (let index = 0; ; index += 1) {
      const header = await reader.readUpTo(30);
      if (header.length === 0) {
        if (index === 0) throw new StatementFormatError(format, 0, 'empty_file', 'the statement has no content.');
        fail('truncated', 'the archive ends before its central directory.');
      }
      if (header.length < 4) fail(index === 0 ? 'not_a_zip' : 'truncated', 'a partial zip header.');
      const signature = header.readUInt32LE(0);
      if (signature === CENTRAL_HEADER || signature === END_OF_DIRECTORY) fail('missing_bill_entry', 'no such entry.');
      if (signature !== LOCAL_HEADER) fail(index === 0 ? 'not_a_zip' : 'truncated', 'not a zip local file header.');
      if (header.length < 30) fail('truncated', 'a partial local file header.');
      const flags = header.readUInt16LE(6);
      const method = header.readUInt16LE(8);
      const expectedCrc = header.readUInt32LE(14);
      const compressedSize = header.readUInt32LE(18);
      const size = header.readUInt32LE(22);
      const nameBytes = await reader.readUpTo(header.readUInt16LE(26));
      const extra = await reader.readUpTo(header.readUInt16LE(28));
      if (nameBytes.length < header.readUInt16LE(26) || extra.length < header.readUInt16LE(28)) {
        fail('truncated', 'a partial local file header.');
      }
      const deferred = (flags & DATA_DESCRIPTOR) !== 0;
      const name = new TextDecoder(flags & UTF8_NAME ? 'utf-8' : 'gbk').decode(nameBytes);
      if (!wanted({ bytes: nameBytes, text: name })) {
        if (deferred) fail('unsupported_zip', `entry ${name} defers its size to a data descriptor.`);
        let skipped = 0;
        for await (const part of reader.stream(compressedSize)) skipped += part.length;
        if (skipped < compressedSize) fail('truncated', `entry ${name} is cut short.`);
        continue;
      }
      if (flags & ENCRYPTED) fail('unsupported_zip', `entry ${name} is encrypted.`);
      if (method !== 0 && method !== 8) fail('unsupported_zip', `entry ${name} uses compression method ${method}.`);
      if (method === 0 && deferred) fail('unsupported_zip', `stored entry ${name} with a data descriptor.`);
      const input = reader.stream(deferred ? undefined : compressedSize);
      let crc = 0;
      let length = 0;
      if (method === 0) {
        for await (const part of input) {
          crc = crc32(part, crc);
          length += part.length;
          yield part;
        }
      } else {
        const inflater = Readable.from(input, { objectMode: false }).pipe(createInflateRaw());
        try {
          for await (const part of inflater as AsyncIterable<Buffer>) {
            crc = crc32(part, crc);
            length += part.length;
            yield part;
          }
        } catch (error) {
          throw new StatementFormatError(format, 0, 'truncated', `entry ${name} does not inflate.`, { cause: error });
        } finally {
          inflater.destroy();
        }
      }
      if (!deferred && (length !== size || crc !== expectedCrc)) {
        fail(
          'truncated',
          `entry ${name}: ${length} bytes with CRC ${crc}, the header says ${size} with ${expectedCrc}.`,
        );
      }
      // The rest (the totals entry, the central directory) is small: read it, so that a file cut short is noticed.
      await reader.drain();
      if (!endsWithDirectory(reader.tail))
        fail('truncated', 'the archive does not end with its end-of-directory record.');
      return;
    }
  } finally {
    await reader.close();
  }
}
