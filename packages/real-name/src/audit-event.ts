import type { Acr, Method } from './assurance-levels.ts';
import type { RealNameErrorCode } from './errors.ts';

/**
 * What the audit trail records: one append-only entry per sign-in, real-name check, step-up, release of personal data
 * to a portal, account link and lockout. A subject reads their own ("who accessed my data"), so every field is either
 * about the subject's own actions or masked: never a full ID number, phone number or name.
 */
export const AUDIT_EVENT_TYPES = [
  'sign_in',
  'real_name_check',
  'step_up',
  'data_release',
  'account_linked',
  'lockout',
  'operator_granted',
  'operator_revoked',
  'operator_acted',
  'certificate_sign_in_refused',
] as const;
export type AuditEventType = (typeof AUDIT_EVENT_TYPES)[number];

interface AuditEventCommon {
  /** The subject the entry is about, and whose trail it is in. */
  readonly sub: string;
  /** The portal (OIDC `client_id`) the action happened for, when there is one. */
  readonly portal?: string;
}

export interface SignInEvent extends AuditEventCommon {
  readonly type: 'sign_in';
  /** The methods used for this sign-in (the session's `amr`, as methods). */
  readonly methods: readonly Method[];
  readonly acr?: Acr;
}

/** `refused`: stopped before asking anyone (invalid input, rate limit, lockout, link conflicts); see `errorCode`. */
export type RealNameCheckOutcome = 'match' | 'mismatch' | 'not_found' | 'unavailable' | 'refused';

export interface RealNameCheckEvent extends AuditEventCommon {
  readonly type: 'real_name_check';
  readonly method: 'id_name' | 'carrier_3f' | 'alipay';
  readonly outcome: RealNameCheckOutcome;
  /** The error the caller got, for every outcome but a recorded `match`. */
  readonly errorCode?: RealNameErrorCode;
  /** A finer reason: the identifier rule broken, the limit hit, why the registry did not answer. */
  readonly reason?: string;
  readonly maskedCitizenId?: string;
  readonly maskedName?: string;
  readonly maskedPhone?: string;
}

export interface StepUpEvent extends AuditEventCommon {
  readonly type: 'step_up';
  readonly from: Acr | 'none';
  readonly to: Acr;
  /** The methods added to reach `to`. */
  readonly methods: readonly Method[];
}

export interface DataReleaseEvent extends AuditEventCommon {
  readonly type: 'data_release';
  readonly portal: string;
  /** Claim names released, e.g. `citizen_id`, `phone_number`, `name`: names, never values. */
  readonly claims: readonly string[];
  readonly scopes?: readonly string[];
}

export interface AccountLinkedEvent extends AuditEventCommon {
  readonly type: 'account_linked';
  readonly method: Method;
  /** What was linked to the account, masked: `110***********003X`, `138****5678`. */
  readonly maskedIdentifier: string;
}

export interface LockoutEvent extends AuditEventCommon {
  readonly type: 'lockout';
  /** ISO 8601. */
  readonly until: string;
  readonly failures: number;
}

/**
 * A legal person authorised (`operator_granted`) or stopped authorising (`operator_revoked`) a natural person to act
 * for it; `operator_acted`: the person signed in at a portal as the company's operator. Recorded in the company's
 * trail and, for `operator_acted`, in the person's too. The operator is named by masked values only.
 */
export interface OperatorEvent extends AuditEventCommon {
  readonly type: 'operator_granted' | 'operator_revoked' | 'operator_acted';
  /** `110***********0113`. */
  readonly maskedCitizenId: string;
  /** `张*`. */
  readonly maskedName: string;
  /** The other side: the company's sub in the person's trail, the person's sub (when known) in the company's. */
  readonly counterpart?: string;
  /** Who did it: the sub of the subject signed in, and how (`enterprise_cert` for a certificate holder). */
  readonly by?: string;
}

/**
 * A refused enterprise-certificate sign-in. A refused certificate proves nothing about whose it is (another CA, a
 * signature not made with its key), so the entry is not filed under a company: it goes to the platform's own trail,
 * the pseudo-subject `platform:enterprise-certificate-sign-in`, which the platform's operator reads.
 */
export interface CertificateSignInRefusedEvent extends AuditEventCommon {
  readonly type: 'certificate_sign_in_refused';
  /** The certificate library's stable code (`certificate_expired`, `challenge_replayed`, …). */
  readonly errorCode: string;
}

export type AuditEventInput =
  | OperatorEvent
  | CertificateSignInRefusedEvent
  | SignInEvent
  | RealNameCheckEvent
  | StepUpEvent
  | DataReleaseEvent
  | AccountLinkedEvent
  | LockoutEvent;

/** An entry as recorded: `id` sorts by time (`<ISO time>#<random>`), `at` is the ISO time. */
export type AuditEvent = AuditEventInput & { readonly id: string; readonly at: string };
