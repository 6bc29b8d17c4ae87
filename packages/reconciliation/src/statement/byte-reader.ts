/**
 * Pull-style reads over a byte stream: exact-length reads for headers, bounded streaming for entry data. Holds at most
 * one chunk of the source at a time.
 */
export class ByteReader {
  private readonly source: AsyncIterator<Uint8Array>;
  private buffered: Uint8Array = new Uint8Array(0);
  private done = false;
  private tailBytes: Buffer = Buffer.alloc(0);

  /** How many bytes of the end to remember (see `tail`). */
  static readonly TAIL = 1024;

  constructor(body: AsyncIterable<Uint8Array>) {
    this.source = body[Symbol.asyncIterator]();
  }

  /** Up to `max` bytes (fewer at the end of the stream; empty when it is over). */
  async read(max: number): Promise<Uint8Array> {
    while (this.buffered.length === 0 && !this.done) {
      const next = await this.source.next();
      if (next.done) this.done = true;
      else this.buffered = next.value;
    }
    const out = this.buffered.subarray(0, max);
    this.buffered = this.buffered.subarray(out.length);
    if (out.length > 0) {
      this.tailBytes = Buffer.from(
        out.length >= ByteReader.TAIL
          ? out.subarray(out.length - ByteReader.TAIL)
          : Buffer.concat([this.tailBytes, out]),
      ).subarray(-ByteReader.TAIL);
    }
    return out;
  }

  /** Exactly `length` bytes, or fewer when the stream ends first. */
  async readUpTo(length: number): Promise<Buffer> {
    const parts: Uint8Array[] = [];
    let got = 0;
    while (got < length) {
      const part = await this.read(length - got);
      if (part.length === 0) break;
      parts.push(part);
      got += part.length;
    }
    return Buffer.concat(parts);
  }

  /** Streams the next `length` bytes, or everything left when `length` is undefined. Stops early at the end. */
  async *stream(length?: number): AsyncGenerator<Uint8Array> {
    let left = length ?? Number.POSITIVE_INFINITY;
    while (left > 0) {
      const part = await this.read(Math.min(left, 1 << 20));
      if (part.length === 0) return;
      left -= part.length;
      yield part;
    }
  }

  /** The last bytes handed out (up to `TAIL`), whoever read them. */
  get tail(): Buffer {
    return this.tailBytes;
  }

  /** Reads and drops everything left. */
  async drain(): Promise<void> {
    while ((await this.read(1 << 20)).length > 0) {
      // dropped
    }
  }

  async close(): Promise<void> {
    await this.source.return?.();
  }
}
