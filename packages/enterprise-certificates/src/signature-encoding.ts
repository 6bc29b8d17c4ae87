/** DER of a non-negative INTEGER from its big-endian magnitude. */
const derInteger = (magnitude: Uint8Array): Buffer => {
  let start = 0;
  while (start < magnitude.length - 1 && magnitude[start] === 0) start += 1;
  const trimmed = magnitude.subarray(start);
  // A leading 1 bit would make the INTEGER negative: DER prefixes a zero octet.
  const body = (trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : Buffer.from(trimmed);
  return Buffer.concat([Buffer.from([0x02, body.length]), body]);
};

/**
 * `r ‖ s` (IEEE P1363, 32 + 32 bytes: what WebCrypto's ECDSA and the SKF interface of Chinese USB keys return) as
 * the DER `SEQUENCE { r INTEGER, s INTEGER }` that X.509 and OpenSSL use.
 */
export const derSignatureFromRaw = (raw: Uint8Array): Buffer => {
  const half = raw.length / 2;
  const content = Buffer.concat([derInteger(raw.subarray(0, half)), derInteger(raw.subarray(half))]);
  return Buffer.concat([Buffer.from([0x30, content.length]), content]);
};

/** Raw signatures of the 256-bit curves here are exactly this long; a DER one never is in practice (70–72 bytes). */
export const RAW_256_BIT_SIGNATURE_LENGTH = 64;
