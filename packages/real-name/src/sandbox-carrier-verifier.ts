import type { CarrierCheckResult, CarrierVerifier } from './carrier-verifier.ts';
import { CarrierUnavailableError } from './check-unavailable-error.ts';
import { SANDBOX_MAGIC, SANDBOX_PEOPLE, SANDBOX_SLOW_MS, type SandboxPerson } from './sandbox-people.ts';

export interface SandboxCarrierVerifierOptions {
  /** Default `SANDBOX_PEOPLE`: those with a `phone` are the carriers' subscribers. */
  readonly people?: readonly SandboxPerson[];
  readonly slowMs?: number;
}

export interface SandboxCarrierVerifier extends CarrierVerifier {
  /** How many checks were asked (not what they were: a sandbox keeps no inputs either). */
  readonly calls: number;
}

/** Carriers as seen from this machine: a number is registered to the seeded person that lists it. */
export const createSandboxCarrierVerifier = (options: SandboxCarrierVerifierOptions = {}): SandboxCarrierVerifier => {
  const subscribers = new Map(
    (options.people ?? SANDBOX_PEOPLE).flatMap((person) => (person.phone ? [[person.phone, person] as const] : [])),
  );
  const slowMs = options.slowMs ?? SANDBOX_SLOW_MS;
  let calls = 0;

  return {
    get calls() {
      return calls;
    },
    checkThreeFactors: async (request): Promise<CarrierCheckResult> => {
      calls += 1;
      if (request.phone === SANDBOX_MAGIC.carrierUnavailablePhone) {
        throw new CarrierUnavailableError('sandbox', { detail: 'magic phone number' });
      }
      if (request.phone === SANDBOX_MAGIC.carrierSlowPhone) await new Promise((resolve) => setTimeout(resolve, slowMs));
      const subscriber = subscribers.get(request.phone);
      if (!subscriber) return 'not_found';
      return subscriber.name === request.name && subscriber.citizenId === request.citizenId ? 'match' : 'mismatch';
    },
  };
};
