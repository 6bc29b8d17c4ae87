/** The personal data this package protects. The kind is bound into every ciphertext and every blind index. */
export const PERSONAL_DATA_KINDS = ['citizen-id', 'phone', 'uscc', 'name'] as const;
export type PersonalDataKind = (typeof PERSONAL_DATA_KINDS)[number];

export const isPersonalDataKind = (value: unknown): value is PersonalDataKind =>
  PERSONAL_DATA_KINDS.includes(value as PersonalDataKind);
