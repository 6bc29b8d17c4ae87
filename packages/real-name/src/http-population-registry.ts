import { RegistryUnavailableError } from './check-unavailable-error.ts';
import type { PopulationRegistry } from './population-registry.ts';
import { createSignedJsonClient, SignedCallFailure, type SignedJsonClientOptions } from './signed-json-client.ts';

export const IDENTITY_CHECK_PATH = '/v1/identity-checks';
const RESULTS = ['match', 'mismatch', 'not_found'] as const;

/**
 * `PopulationRegistry` over the signed HTTPS+JSON check protocol described in the README. There is no public
 * specification of the population registry's interface: this protocol is ours, and the real endpoint's contract must
 * be confirmed with the registry operator before go-live; only this file and `signed-json-client.ts` would change.
 */
export const createHttpPopulationRegistry = (options: SignedJsonClientOptions): PopulationRegistry => {
  const call = createSignedJsonClient(options);
  return {
    checkIdentity: async ({ citizenId, name }) => {
      try {
        return await call(IDENTITY_CHECK_PATH, { citizenId, name }, RESULTS);
      } catch (error) {
        if (error instanceof SignedCallFailure) {
          throw new RegistryUnavailableError(error.reason, { cause: error, detail: error.message });
        }
        throw error;
      }
    },
  };
};
