import type { Method } from './assurance-levels.ts';

/** What the real-name service needs to know of an account before a check. */
export interface AccountVerificationState {
  /** Methods verified on the account and kept (`id_name`, `carrier_3f`, …); not the session's sign-in methods. */
  readonly verifiedMethods: ReadonlySet<Method>;
  /** Blind index of the ID number the account is verified with, once it is. */
  readonly citizenIndex?: string;
  /** Blind index of the phone number the account proved by SMS (the account store's `phoneIndex`). */
  readonly phoneIndex?: string;
}

export interface VerificationRecord {
  readonly method: Method;
  readonly verifiedAt: Date;
  /** The ID number and name as checked, sealed by the personal-data vault; given together with `citizenIndex`. */
  readonly sealedCitizenId?: string;
  readonly sealedName?: string;
  /** Blind index of the ID number: links it to this account, and to no other. */
  readonly citizenIndex?: string;
  /** When set, recorded only if the account's phone is still this one (the number the carrier checked). */
  readonly phoneIndex?: string;
}

export type RecordVerificationOutcome =
  | { readonly recorded: true }
  | {
      readonly recorded: false;
      readonly reason: 'identity_already_linked' | 'account_identity_conflict' | 'account_not_found' | 'phone_changed';
    };

/**
 * The account side of real-name checks. The account item belongs to the provider's account store; this port only adds
 * attributes to it, and owns the unique link from an ID number to an account.
 *
 * Rules for an implementation:
 * - "never two accounts for one ID number": the link `citizenIndex → sub` is created once, by a conditional write, and
 *   a record for another sub with the same index is refused (`identity_already_linked`);
 * - an account verified with one ID number is not re-verified with another (`account_identity_conflict`);
 * - the link and the account update happen together or not at all;
 * - nothing is written when a record is refused.
 *
 * Implementation: `createDynamoDbRealNameAccounts` (identity table).
 */
export interface RealNameAccounts {
  /** `undefined` when the account does not exist. */
  getVerificationState(sub: string): Promise<AccountVerificationState | undefined>;
  recordVerification(sub: string, record: VerificationRecord): Promise<RecordVerificationOutcome>;
}
