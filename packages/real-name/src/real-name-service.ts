import { createLogger, type Logger } from '@platform/logging';
import type { AttemptGuard } from './attempt-guard.ts';
import type { AuditTrail } from './audit-trail.ts';
import type { CarrierVerifier } from './carrier-verifier.ts';
import type { PaymentAccountClaim } from './payment-account-match.ts';
import type { PaymentAccountVerifier } from './payment-account-verifier.ts';
import type { PopulationRegistry } from './population-registry.ts';
import type { RealNameAccounts } from './real-name-accounts.ts';
import type { PersonalDataSealer, RealNameContext } from './real-name-context.ts';
import type {
  CarrierVerificationRequest,
  IdentityVerificationRequest,
  PaymentAccountStartRequest,
  PaymentAccountVerificationRequest,
  VerificationOutcome,
} from './verification-request.ts';
import { verifyCarrier } from './verify-carrier.ts';
import { verifyIdentity } from './verify-identity.ts';
import { startPaymentAccountCheck, verifyPaymentAccount } from './verify-payment-account.ts';

export interface RealNameServiceDependencies {
  readonly registry: PopulationRegistry;
  readonly carrier: CarrierVerifier;
  readonly guard: AttemptGuard;
  readonly audit: AuditTrail;
  readonly vault: PersonalDataSealer;
  readonly accounts: RealNameAccounts;
  /** A wallet's real-name data (Alipay); without it the two payment-account calls throw. */
  readonly paymentAccounts?: PaymentAccountVerifier;
  readonly now?: () => Date;
  readonly logger?: Logger;
}

/**
 * Real-name checks of a signed-in subject. Each call either records a verified method on the account (and links the
 * ID number to it) and returns the new level, or throws a `RealNameError` (`LockedOutError`, `RateLimitedError`
 * included) and changes nothing but the attempt counters. Every call, either way, leaves one `real_name_check` entry
 * in the audit trail (plus `account_linked` or `lockout` when those happen). `StorageUnavailableError` from
 * `@platform/dynamodb` means the table did not answer: retry, 503.
 */
export interface RealNameService {
  verifyIdentity(request: IdentityVerificationRequest): Promise<VerificationOutcome>;
  verifyCarrier(request: CarrierVerificationRequest): Promise<VerificationOutcome>;
  /** The payment account's channel (`alipay`) and the URL to send the browser to, when one is configured. */
  readonly paymentAccounts?: PaymentAccountVerifier;
  /** Validates the claimed identity before the redirect to the wallet; keep the claim with the pending `state`. */
  startPaymentAccountCheck(request: PaymentAccountStartRequest): Promise<PaymentAccountClaim>;
  /** Back from the wallet: reads its certified identity and matches it against the claim. */
  verifyPaymentAccount(request: PaymentAccountVerificationRequest): Promise<VerificationOutcome>;
}

export const createRealNameService = (dependencies: RealNameServiceDependencies): RealNameService => {
  const context: RealNameContext = {
    registry: dependencies.registry,
    carrier: dependencies.carrier,
    guard: dependencies.guard,
    audit: dependencies.audit,
    vault: dependencies.vault,
    accounts: dependencies.accounts,
    ...(dependencies.paymentAccounts ? { paymentAccounts: dependencies.paymentAccounts } : {}),
    now: dependencies.now ?? (() => new Date()),
    logger: dependencies.logger ?? createLogger({ fields: { component: 'real-name' } }),
  };
  return {
    verifyIdentity: (request) => verifyIdentity(context, request),
    verifyCarrier: (request) => verifyCarrier(context, request),
    ...(dependencies.paymentAccounts ? { paymentAccounts: dependencies.paymentAccounts } : {}),
    startPaymentAccountCheck: (request) => startPaymentAccountCheck(context, request),
    verifyPaymentAccount: (request) => verifyPaymentAccount(context, request),
  };
};
