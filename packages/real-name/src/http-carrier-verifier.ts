import type { CarrierVerifier } from './carrier-verifier.ts';
import { CarrierUnavailableError } from './check-unavailable-error.ts';
import { createSignedJsonClient, SignedCallFailure, type SignedJsonClientOptions } from './signed-json-client.ts';

export const CARRIER_CHECK_PATH = '/v1/carrier-checks';
const RESULTS = ['match', 'mismatch', 'not_found'] as const;

/**
 * `CarrierVerifier` over the same signed HTTPS+JSON protocol as the registry adapter. Carriers' three-factor checks
 * are usually bought through an aggregator with an interface of its own: confirm the contract with the provider
 * chosen; only this file and `signed-json-client.ts` would change.
 */
export const createHttpCarrierVerifier = (options: SignedJsonClientOptions): CarrierVerifier => {
  const call = createSignedJsonClient(options);
  return {
    checkThreeFactors: async ({ name, citizenId, phone }) => {
      try {
        return await call(CARRIER_CHECK_PATH, { name, citizenId, phone }, RESULTS);
      } catch (error) {
        if (error instanceof SignedCallFailure) {
          throw new CarrierUnavailableError(error.reason, { cause: error, detail: error.message });
        }
        throw error;
      }
    },
  };
};
