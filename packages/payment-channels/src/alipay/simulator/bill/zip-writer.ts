import { crc32, deflateRawSync } from 'node:zlib';

/**
 * A minimal zip writer (PKZIP APPNOTE 6.3: local headers, deflated data, central directory, end record), enough for
 * the simulator to serve a bill file shaped like Alipay's. Entry names are raw bytes without the UTF-8 flag, because
 * Alipay's names are GBK bytes and a reader has to handle that. There is no zip64, so the archive must stay under
 * 4 GiB and 65,535 entries, which a simulated day's bill does.
 */
export interface ZipEntry {
  /** The name as stored (Alipay: GBK bytes). */
  readonly name: Uint8Array;
  readonly data: Uint8Array;
}

const DEFLATE = 8;
const VERSION = 20;

/** MS-DOS time and date fields from wall-clock parts (the zip has no time zone). */
const dosDateTime = (wallClock: Date): { readonly time: number; readonly date: number } => ({
  time: (wallClock.getUTCHours() << 11) | (wallClock.getUTCMinutes() << 5) | (wallClock.getUTCSeconds() >> 1),
  date: ((wallClock.getUTCFullYear() - 1980) << 9) | ((wallClock.getUTCMonth() + 1) << 5) | wallClock.getUTCDate(),
});

/** `modified` is the wall-clock time to record, read through its UTC fields. */
export const writeZip = (entries: readonly ZipEntry[], modified: Date): Buffer => {
  const { time, date } = dosDateTime(modified);
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const compressed = deflateRawSync(entry.data);
    const checksum = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(DEFLATE, 8);
    local.writeUInt16LE(time, 10);
    local.writeUInt16LE(date, 12);
    local.writeUInt32LE(checksum, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(entry.name.length, 26);
    local.writeUInt16LE(0, 28);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(VERSION, 4);
    central.writeUInt16LE(VERSION, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(DEFLATE, 10);
    central.writeUInt16LE(time, 12);
    central.writeUInt16LE(date, 14);
    central.writeUInt32LE(checksum, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(entry.name.length, 28);
    // extra length, comment length, disk number, internal and external attributes: all zero.
    central.writeUInt32LE(offset, 42);
    locals.push(local, Buffer.from(entry.name), compressed);
    centrals.push(central, Buffer.from(entry.name));
    offset += local.length + entry.name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
};
