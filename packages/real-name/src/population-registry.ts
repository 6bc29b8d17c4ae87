import type { CitizenId } from '@platform/identifiers';

/** What the registry says about a (citizen ID number, name) pair. */
export type IdentityCheckResult = 'match' | 'mismatch' | 'not_found';

export interface IdentityCheckRequest {
  /** Already validated by `parseCitizenId`: adapters never see a malformed number. */
  readonly citizenId: CitizenId;
  /** As normalised by `normalisePersonName`. */
  readonly name: string;
}

/**
 * The authoritative population registry (人口库), asked the two-factor question "does this ID number belong to a
 * person of this name?".
 *
 * Contract for an adapter:
 * - `match`: the number exists and the name is the one on record;
 * - `mismatch`: the number exists and the name is not the one on record;
 * - `not_found`: the registry has no such number (or, for registries that do not tell the two apart, no such pair —
 *   then answer `mismatch`, never guess);
 * - no answer of any kind (network, timeout, refusal, an answer that does not parse or authenticate): throw
 *   `RegistryUnavailableError`, nothing else;
 * - never log or keep the number or the name: the caller audits the check with masked values.
 *
 * Adapters: `createSandboxPopulationRegistry` (seeded test people, magic values), `createHttpPopulationRegistry`
 * (the signed HTTPS+JSON protocol in the README). Both pass `population-registry.contract.ts`.
 */
export interface PopulationRegistry {
  checkIdentity(request: IdentityCheckRequest): Promise<IdentityCheckResult>;
}
