import { crc32, inflateRawSync } from 'node:zlib';

/**
 * Reads a zip's entries through its central directory (stored or deflated, no zip64). It is for tests that check
 * the simulator's bill files. Reconciliation will want a streaming reader of its own.
 */
export interface ZipEntryRead {
  readonly nameBytes: Buffer;
  readonly data: Buffer;
}

export const readZip = (zip: Buffer): ZipEntryRead[] => {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (end < 0) throw new TypeError('No end of central directory record.');
  const count = zip.readUInt16LE(end + 10);
  let cursor = zip.readUInt32LE(end + 16);
  const entries: ZipEntryRead[] = [];
  for (let index = 0; index < count; index += 1) {
    if (zip.readUInt32LE(cursor) !== 0x02014b50) throw new TypeError('Bad central directory header.');
    const method = zip.readUInt16LE(cursor + 10);
    const checksum = zip.readUInt32LE(cursor + 16);
    const compressedSize = zip.readUInt32LE(cursor + 20);
    const nameLength = zip.readUInt16LE(cursor + 28);
    const extraLength = zip.readUInt16LE(cursor + 30);
    const commentLength = zip.readUInt16LE(cursor + 32);
    const localOffset = zip.readUInt32LE(cursor + 42);
    const nameBytes = zip.subarray(cursor + 46, cursor + 46 + nameLength);
    if (zip.readUInt32LE(localOffset) !== 0x04034b50) throw new TypeError('Bad local header.');
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    if (crc32(data) !== checksum) throw new TypeError('CRC mismatch.');
    entries.push({ nameBytes: Buffer.from(nameBytes), data });
    cursor += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
};

export const collectBytes = async (body: AsyncIterable<Uint8Array>): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
};
