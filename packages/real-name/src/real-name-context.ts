import type { Logger } from '@platform/logging';
import type { AttemptGuard } from './attempt-guard.ts';
import type { AuditTrail } from './audit-trail.ts';
import type { CarrierVerifier } from './carrier-verifier.ts';
import type { PaymentAccountVerifier } from './payment-account-verifier.ts';
import type { PopulationRegistry } from './population-registry.ts';
import type { RealNameAccounts } from './real-name-accounts.ts';

/**
 * The two things the service needs of the personal-data vault, as functions: `PersonalDataVault` from
 * `@platform/personal-data` fits as it is (`vault: personalDataVault`). Keys never pass through this package.
 */
export interface PersonalDataSealer {
  /** Envelope-encrypts the value; the result is what the account stores. */
  seal(kind: 'citizen-id' | 'name', plaintext: string): Promise<string>;
  /** The keyed hash that finds the value without storing it; the same function the account store uses for phones. */
  blindIndex(kind: 'citizen-id' | 'phone' | 'name', value: string): string;
}

/** Everything a check step needs, built once by `createRealNameService`. */
export interface RealNameContext {
  readonly registry: PopulationRegistry;
  readonly carrier: CarrierVerifier;
  readonly guard: AttemptGuard;
  readonly audit: AuditTrail;
  readonly vault: PersonalDataSealer;
  readonly accounts: RealNameAccounts;
  /** Absent where no wallet is configured. */
  readonly paymentAccounts?: PaymentAccountVerifier;
  readonly now: () => Date;
  readonly logger: Logger;
}
