import type { Acr, Level, Method } from './assurance-levels.ts';
import type { AuditEventInput } from './audit-event.ts';
import type { PaymentAccountClaim } from './payment-account-match.ts';

interface CheckRequestCommon {
  /** The signed-in subject asking for the check. */
  readonly sub: string;
  /** The client's IP address as the gateway saw it; counted for rate limits, never stored. */
  readonly ip: string;
  /** The portal (`client_id`) that sent the person here, for the audit trail. */
  readonly portal?: string;
  /** The methods of the current sign-in (the session's `amr` as methods, e.g. `['sms']`), for the level returned. */
  readonly sessionMethods?: Iterable<Method>;
  /**
   * Events of the caller's to record with a match, in the same write as the check's own (the provider's `step_up`,
   * when this match completes one): one write where there would be two, and never one without the other.
   */
  readonly auditWithMatch?: (outcome: VerificationOutcome) => readonly AuditEventInput[];
  /** As typed: validated here (`parseCitizenId`, `normalisePersonName`). */
  readonly citizenId: unknown;
  readonly name: unknown;
}

export type IdentityVerificationRequest = CheckRequestCommon;

export interface CarrierVerificationRequest extends CheckRequestCommon {
  /** As typed; must be the number this account proved by SMS. */
  readonly phone: unknown;
}

/** Before the redirect to the wallet: the identity the person claims, as typed. */
export type PaymentAccountStartRequest = Omit<CheckRequestCommon, 'sessionMethods' | 'auditWithMatch'>;

/** Back from the wallet: the claim kept from the start and the wallet's one-time code. */
export interface PaymentAccountVerificationRequest extends Omit<CheckRequestCommon, 'citizenId' | 'name'> {
  readonly claim: PaymentAccountClaim;
  /** The wallet's `auth_code`, as it came back in the redirect. */
  readonly authCode: string;
}

export interface VerificationOutcome {
  readonly method: 'id_name' | 'carrier_3f' | 'alipay';
  /** The account's kept verified methods after this check. */
  readonly verifiedMethods: ReadonlySet<Method>;
  /** `levelOf(sessionMethods ∪ verifiedMethods)`. */
  readonly level: Level;
  /** The `acr` of `level`; absent at level 0. */
  readonly acr?: Acr;
  /** True when this check linked the ID number to the account for the first time. */
  readonly newlyLinked: boolean;
}
