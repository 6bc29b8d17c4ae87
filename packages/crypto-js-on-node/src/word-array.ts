/** How bytes are written as text and read back: crypto-js's `enc.Hex`, `enc.Base64`, `enc.Utf8`. */
export interface Encoder {
  parse(text: string): WordArray;
  stringify(words: WordArray): string;
}

/**
 * crypto-js's byte container, holding a Buffer rather than 32-bit words. `toString()` without an encoder is hex, as
 * in crypto-js.
 */
export class WordArray {
  readonly bytes: Buffer;

  constructor(bytes: Buffer) {
    this.bytes = bytes;
  }

  get sigBytes(): number {
    return this.bytes.length;
  }

  toString(encoder?: Encoder): string {
    return encoder ? encoder.stringify(this) : this.bytes.toString('hex');
  }
}
