import { type Encoder, WordArray } from './word-array.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export const Hex: Encoder = {
  parse: (text) => new WordArray(Buffer.from(text, 'hex')),
  stringify: (words) => words.bytes.toString('hex'),
};

export const Base64: Encoder = {
  parse: (text) => new WordArray(Buffer.from(text, 'base64')),
  stringify: (words) => words.bytes.toString('base64'),
};

export const Utf8: Encoder = {
  parse: (text) => new WordArray(Buffer.from(text, 'utf8')),
  stringify: (words) => {
    try {
      return utf8.decode(words.bytes);
    } catch {
      // crypto-js's words for bytes that are not UTF-8 (what a wrong key decrypts to): callers may match on them.
      throw new Error('Malformed UTF-8 data');
    }
  },
};
