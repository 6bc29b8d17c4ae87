import { createHash } from 'node:crypto';
import { FiscalReceiptError } from './receipt-errors.ts';

/**
 * The short code printed on a receipt (查验码): 16 characters of Crockford base32 (80 bits) of SHA-256 over the
 * JWS signature. Whoever holds the paper holds the code; whoever knows only the receipt number does not, so the
 * pages ask for both. Derived from the signature, it changes if the signature does, and 80 bits are out of reach
 * of guessing through the pages.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const VERIFICATION_CODE_LENGTH = 16;

export const verificationCodeOf = (signedReceipt: string): string => {
  const signature = signedReceipt.split('.')[2] ?? '';
  const digest = createHash('sha256').update(signature, 'ascii').digest();
  let bits = 0n;
  for (const byte of digest.subarray(0, 10)) bits = (bits << 8n) | BigInt(byte);
  let code = '';
  for (let i = VERIFICATION_CODE_LENGTH - 1; i >= 0; i -= 1) code += ALPHABET[Number((bits >> BigInt(i * 5)) & 31n)];
  return code;
};

/** Printed in groups of four: `7K3M-Q9TZ-…`. */
export const formatVerificationCode = (code: string): string => code.replaceAll(/(.{4})(?=.)/g, '$1-');

/**
 * As people type it: any case, dashes and spaces ignored, and the letters Crockford base32 leaves out read as the
 * digits they look like (O → 0, I and L → 1).
 */
export const parseVerificationCode = (input: unknown, field = 'verificationCode'): string => {
  const code =
    typeof input === 'string' && input.length <= 64
      ? input.toUpperCase().replaceAll(/[\s-]/g, '').replaceAll('O', '0').replaceAll(/[IL]/g, '1')
      : '';
  if (code.length !== VERIFICATION_CODE_LENGTH || [...code].some((character) => !ALPHABET.includes(character))) {
    throw new FiscalReceiptError('invalid_verification_code', 'A verification code is 16 letters and digits.', {
      field,
    });
  }
  return code;
};
