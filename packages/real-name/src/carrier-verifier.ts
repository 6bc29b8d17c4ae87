import type { CitizenId } from '@platform/identifiers';
import type { MobileNumber } from './mobile-number.ts';

/** What the carrier says about a (name, citizen ID number, phone) triple. */
export type CarrierCheckResult = 'match' | 'mismatch' | 'not_found';

export interface CarrierCheckRequest {
  readonly name: string;
  readonly citizenId: CitizenId;
  readonly phone: MobileNumber;
}

/**
 * The mobile carriers' three-factor check (运营商三要素): is this number registered, under the real-name rules for
 * SIM cards, to the person with this name and ID number?
 *
 * Contract for an adapter:
 * - `match`: the number is in service and registered to exactly this name and ID number;
 * - `mismatch`: the number is in service and registered to someone else (either factor differs);
 * - `not_found`: no carrier knows the number (not issued, cancelled);
 * - no answer of any kind: throw `CarrierUnavailableError`, nothing else;
 * - never log or keep the inputs.
 *
 * Adapters: `createSandboxCarrierVerifier`, `createHttpCarrierVerifier`. Both pass `carrier-verifier.contract.ts`.
 */
export interface CarrierVerifier {
  checkThreeFactors(request: CarrierCheckRequest): Promise<CarrierCheckResult>;
}
