import { createRemoteJWKSet, importJWK, type JWK, type JWTVerifyGetKey } from 'jose';
import * as client from 'openid-client';
import { errorText } from './error-text.ts';
import { ID_TOKEN_SIGNING_ALG } from './portal-options.ts';

/** What the portal knows about the provider once discovery has answered. */
export interface ProviderConnection {
  readonly config: client.Configuration;
  /** The provider's signing keys (`jwks_uri`), fetched and cached by jose: for logout tokens. */
  readonly jwks: JWTVerifyGetKey;
  readonly issuer: string;
}

/** The provider did not answer discovery after a few tries; the next request tries again. */
export class ProviderUnavailableError extends Error {
  override readonly name = 'ProviderUnavailableError';
}

export interface ProviderLinkOptions {
  readonly issuer: string;
  readonly clientId: string;
  readonly privateJwk: JWK;
  readonly log: (message: string) => void;
  /** Pauses between discovery attempts; default 200 ms then 600 ms (three attempts). */
  readonly retryDelaysMs?: readonly number[];
}

export interface ProviderLink {
  connect(): Promise<ProviderConnection>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Discovery is lazy: the portal starts whether or not the provider is up (`npm start` brings both up at once) and
 * discovers on the first request that needs it. A failed discovery is not remembered, so a provider that comes up
 * later is found on the next request.
 */
export const createProviderLink = (options: ProviderLinkOptions): ProviderLink => {
  const issuer = new URL(options.issuer);
  const delays = options.retryDelaysMs ?? [200, 600];

  const discover = async (): Promise<ProviderConnection> => {
    const key = (await importJWK(options.privateJwk, ID_TOKEN_SIGNING_ALG)) as client.CryptoKey;
    const config = await client.discovery(
      issuer,
      options.clientId,
      { id_token_signed_response_alg: ID_TOKEN_SIGNING_ALG },
      client.PrivateKeyJwt({ key, kid: String(options.privateJwk.kid) }),
      {
        // Plain http is accepted only for a loopback issuer (checked with the options); the ID token's signature is
        // checked against the provider's keys even though it came straight from the token endpoint.
        execute: [
          ...(issuer.protocol === 'http:' ? [client.allowInsecureRequests] : []),
          client.enableNonRepudiationChecks,
        ],
        timeout: 5,
      },
    );
    const metadata = config.serverMetadata();
    if (!metadata.jwks_uri) throw new Error('the provider publishes no jwks_uri');
    return {
      config,
      jwks: createRemoteJWKSet(new URL(metadata.jwks_uri), { timeoutDuration: 5000 }),
      issuer: metadata.issuer,
    };
  };

  const discoverWithRetries = async (): Promise<ProviderConnection> => {
    let lastError: unknown;
    for (let attempt = 0; attempt <= delays.length; attempt += 1) {
      try {
        const connection = await discover();
        options.log(`discovered ${connection.issuer}`);
        return connection;
      } catch (error) {
        lastError = error;
        const delay = delays[attempt];
        if (delay !== undefined) await sleep(delay);
      }
    }
    const reason = errorText(lastError);
    options.log(`provider ${issuer.href} unavailable: ${reason}`);
    throw new ProviderUnavailableError(`discovery of ${issuer.href} failed: ${reason}`, { cause: lastError });
  };

  let pending: Promise<ProviderConnection> | undefined;
  return {
    connect() {
      if (!pending) {
        const attempt = discoverWithRetries();
        pending = attempt;
        attempt.catch(() => {
          if (pending === attempt) pending = undefined;
        });
      }
      return pending;
    },
  };
};
