/**
 * A serial number as this package compares and shows it: upper-case hex of the INTEGER's value, without the leading
 * zero octets DER adds to keep it positive, so that a certificate and a CRL entry spelling it differently still match.
 */
export const serialNumberHex = (integerBytes: ArrayBuffer | Uint8Array): string => {
  const text = Buffer.from(integerBytes instanceof Uint8Array ? integerBytes : new Uint8Array(integerBytes))
    .toString('hex')
    .toUpperCase()
    .replace(/^(00)+/, '');
  return text === '' ? '00' : text;
};
