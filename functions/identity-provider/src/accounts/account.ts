/** A person's account as the provider sees it. `sub` is opaque and never derived from an identifier. */
export interface Account {
  readonly sub: string;
  readonly kind: 'natural_person';
  readonly createdAt: string;
  /** The verified phone number, sealed (encrypted) as stored. */
  readonly sealedPhone: string;
}

/** Protects phone numbers at rest: sealed for storage, found through a keyed hash. */
export interface PhoneProtector {
  seal(phone: string): Promise<string>;
  open(sealed: string): Promise<string>;
  index(phone: string): string;
}

export interface AccountStore {
  /** The account of a verified phone number, created on first sign-in; one account per number even under races. */
  findOrCreateByPhone(phone: string): Promise<{ account: Account; created: boolean }>;
  findBySub(sub: string): Promise<Account | undefined>;
}
