import { readJsonSecret } from '@platform/aws-json';
import {
  type CarrierVerifier,
  createHttpCarrierVerifier,
  createHttpPopulationRegistry,
  type PopulationRegistry,
} from '@platform/real-name';
import { IdentitySecretsError } from '../identity-secrets.ts';

export interface RealNameChecks {
  readonly registry: PopulationRegistry;
  readonly carrier: CarrierVerifier;
}

/**
 * The population registry and the carrier check of a deployed stage (signed HTTPS+JSON, packages/real-name), from the
 * identity stack's settings: `REAL_NAME_REGISTRY_URL`, `REAL_NAME_CARRIER_URL` and `REAL_NAME_SECRET_ID`, a Secrets
 * Manager secret `{"registry": {"clientId", "secret"}, "carrier": {"clientId", "secret"}}` (each secret at least
 * 32 characters). Not configured (the stage has no `realName`): undefined, and no real-name check is offered.
 */
export const deployedRealNameChecks = async (
  env: NodeJS.ProcessEnv,
  readSecret: (secretId: string) => Promise<Record<string, unknown>> = readJsonSecret,
): Promise<RealNameChecks | undefined> => {
  const registryUrl = env.REAL_NAME_REGISTRY_URL;
  const carrierUrl = env.REAL_NAME_CARRIER_URL;
  const secretId = env.REAL_NAME_SECRET_ID;
  if (!registryUrl || !carrierUrl || !secretId) return undefined;
  const value = await readSecret(secretId);
  const clientOf = (name: 'registry' | 'carrier') => {
    const client = value[name] as { clientId?: unknown; secret?: unknown } | undefined;
    if (typeof client?.clientId !== 'string' || typeof client.secret !== 'string') {
      throw new IdentitySecretsError(`the real-name secret must hold {"${name}": {"clientId": …, "secret": …}}`);
    }
    return { clientId: client.clientId, secret: client.secret };
  };
  return {
    registry: createHttpPopulationRegistry({ baseUrl: registryUrl, ...clientOf('registry') }),
    carrier: createHttpCarrierVerifier({ baseUrl: carrierUrl, ...clientOf('carrier') }),
  };
};
