/**
 * A company (法人) as the provider sees it, signed in with an enterprise certificate. Its `sub` is opaque and random,
 * like a natural person's, but the subject is stored under its own item kind (`LEGAL_PERSON#<sub>`), so a sub names
 * exactly one kind of subject.
 */
export interface LegalPerson {
  readonly sub: string;
  readonly kind: 'legal_person';
  readonly createdAt: string;
  /** The Unified Social Credit Code, sealed (encrypted) as stored. */
  readonly sealedUscc: string;
  /** The company name (`O`) from the certificate used when the subject was created: public register data. */
  readonly companyName: string;
}

/** Protects USCCs at rest: sealed for storage, found through a keyed hash. */
export interface UsccProtector {
  seal(uscc: string): Promise<string>;
  open(sealed: string): Promise<string>;
  index(uscc: string): string;
}

export interface LegalPersonStore {
  /** The subject of a verified USCC, created on first sign-in; one subject per USCC even under races. */
  findOrCreateByUscc(uscc: string, companyName: string): Promise<{ legalPerson: LegalPerson; created: boolean }>;
  findBySub(sub: string): Promise<LegalPerson | undefined>;
}
