import { RegistryUnavailableError } from './check-unavailable-error.ts';
import type { IdentityCheckResult, PopulationRegistry } from './population-registry.ts';
import { SANDBOX_MAGIC, SANDBOX_PEOPLE, SANDBOX_SLOW_MS, type SandboxPerson } from './sandbox-people.ts';

export interface SandboxPopulationRegistryOptions {
  /** Default `SANDBOX_PEOPLE` plus the slow magic person. */
  readonly people?: readonly Pick<SandboxPerson, 'name' | 'citizenId'>[];
  /** Delay of the slow magic number; default `SANDBOX_SLOW_MS`. */
  readonly slowMs?: number;
}

export interface SandboxPopulationRegistry extends PopulationRegistry {
  /** How many checks were asked (not what they were: a sandbox keeps no inputs either). */
  readonly calls: number;
}

/** A registry that behaves like the real one on this machine: see the README for the people and magic values. */
export const createSandboxPopulationRegistry = (
  options: SandboxPopulationRegistryOptions = {},
): SandboxPopulationRegistry => {
  const people = options.people ?? [
    ...SANDBOX_PEOPLE,
    { name: SANDBOX_MAGIC.registrySlowName, citizenId: SANDBOX_MAGIC.registrySlowCitizenId },
  ];
  const nameByCitizenId = new Map(people.map((person) => [person.citizenId as string, person.name]));
  const slowMs = options.slowMs ?? SANDBOX_SLOW_MS;
  let calls = 0;

  return {
    get calls() {
      return calls;
    },
    checkIdentity: async (request): Promise<IdentityCheckResult> => {
      calls += 1;
      if (request.citizenId === SANDBOX_MAGIC.registryUnavailableCitizenId) {
        throw new RegistryUnavailableError('sandbox', { detail: 'magic citizen ID number' });
      }
      if (request.citizenId === SANDBOX_MAGIC.registrySlowCitizenId) {
        await new Promise((resolve) => setTimeout(resolve, slowMs));
      }
      const name = nameByCitizenId.get(request.citizenId);
      if (name === undefined) return 'not_found';
      return name === request.name ? 'match' : 'mismatch';
    },
  };
};
