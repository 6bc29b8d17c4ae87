import { IV_BYTES, TAG_BYTES } from './aes-gcm.ts';
import { SealedValueError } from './errors.ts';
import { isPersonalDataKind, type PersonalDataKind } from './personal-data-kind.ts';

/**
 * A sealed personal-data value as stored: one ASCII string, safe in JSON, DynamoDB and URLs:
 *
 *   v1.<kind>.<keyId>.<wrappedKey>.<iv>.<ciphertext‖tag>
 *
 * every part after `kind` base64url (the key id too, since KMS ARNs contain `:` and `/`). The kind is in the
 * clear so `open` needs nothing else, and authenticated (it is the AES-GCM additional data and the KMS
 * encryption context), so changing it breaks the seal.
 */
export type SealedValue = `v1.${string}`;

export interface SealedValueParts {
  readonly kind: PersonalDataKind;
  readonly keyId: string;
  readonly wrappedKey: Buffer;
  readonly iv: Buffer;
  readonly ciphertext: Buffer;
}

const VERSION = 'v1';

export const isSealedValue = (value: unknown): value is SealedValue =>
  typeof value === 'string' && value.startsWith(`${VERSION}.`);

export const formatSealedValue = ({ kind, keyId, wrappedKey, iv, ciphertext }: SealedValueParts): SealedValue =>
  `${VERSION}.${kind}.${[Buffer.from(keyId, 'utf8'), wrappedKey, iv, ciphertext].map((part) => part.toString('base64url')).join('.')}`;

export const parseSealedValue = (value: string): SealedValueParts => {
  const parts = typeof value === 'string' ? value.split('.') : [];
  const [version, kind, ...encoded] = parts;
  if (parts.length !== 6 || version !== VERSION) throw malformed(`expected ${VERSION} with six parts`);
  if (!isPersonalDataKind(kind)) throw malformed('unknown kind');
  const [keyId, wrappedKey, iv, ciphertext] = encoded.map(decodeCanonical) as [Buffer, Buffer, Buffer, Buffer];
  if (keyId.length === 0 || wrappedKey.length === 0) throw malformed('empty key id or wrapped key');
  if (iv.length !== IV_BYTES || ciphertext.length < TAG_BYTES) throw malformed('truncated IV or ciphertext');
  return { kind, keyId: keyId.toString('utf8'), wrappedKey, iv, ciphertext };
};

/**
 * Node's decoder ignores stray characters and the spare low bits of the last character, so two strings can
 * decode to the same bytes. Accepting only the canonical spelling makes every change to the string a change to
 * the bytes, which the seal then detects.
 */
const decodeCanonical = (part: string): Buffer => {
  const bytes = Buffer.from(part, 'base64url');
  if (bytes.toString('base64url') !== part) throw malformed('not canonical base64url');
  return bytes;
};

const malformed = (detail: string) => new SealedValueError('malformed', `not a sealed personal-data value: ${detail}`);
