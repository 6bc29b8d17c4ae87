import type { LocalEndpoints } from '@platform/local-runtime';
import type { ClientMetadata } from 'oidc-provider';
import * as oidc from 'openid-client';
import { discover, registerTestPortal, registryOf, type TestPortal } from '../../tests/support/test-clients.ts';
import { formAction, signInByPhone, UserAgent } from '../../tests/support/user-agent.ts';
import type { ProviderMode } from './identity-provider-process.ts';

/**
 * The benchmark's side of the identity benchmarks: a portal (openid-client, private_key_jwt, PKCE) and a browser
 * (`UserAgent`, a cookie jar) driving one provider over HTTP. Everything here runs in the benchmark's process; only
 * the provider's process is measured.
 */

export const BENCH_PHONE = '13800000042';

/** The one first-party portal of the platform run, registered as the admin CLI would; offline access allowed. */
export const registerBenchPortal = async (
  dynamodbEndpoint: string,
  identityTable: string,
  clientId: string,
): Promise<{ portal: TestPortal; metadata: Record<string, unknown> }> => {
  // `registerTestPortal` needs only these two fields of a running platform's endpoints.
  const endpoints = {
    dynamodb: dynamodbEndpoint,
    tables: { IDENTITY_TABLE: identityTable },
  } as unknown as LocalEndpoints;
  const portal = await registerTestPortal(endpoints, clientId);
  const metadata = await registryOf(endpoints).findClientMetadata(clientId);
  if (!metadata) throw new Error(`portal ${clientId} was not registered`);
  return { portal, metadata };
};

/**
 * The same client for bare oidc-provider: the registry's metadata without the platform's own properties (bare
 * oidc-provider does not know them) and without back-channel logout (not enabled there), with the scopes bare
 * oidc-provider serves.
 */
export const bareClientMetadata = (metadata: Record<string, unknown>): ClientMetadata => {
  const kept = Object.entries(metadata).filter(([name]) => !/^(platform_|backchannel_)/.test(name));
  return { ...Object.fromEntries(kept), scope: 'openid offline_access' } as ClientMetadata;
};

export interface BenchPortal {
  readonly mode: ProviderMode;
  readonly issuer: string;
  readonly portal: TestPortal;
  readonly config: oidc.Configuration;
  /** The signed-in browser: its cookies carry the provider's session. */
  readonly agent: UserAgent;
}

export const connectPortal = async (mode: ProviderMode, issuer: string, portal: TestPortal): Promise<BenchPortal> => ({
  mode,
  issuer,
  portal,
  config: await discover(issuer, portal.clientId, portal.keys),
  agent: new UserAgent(),
});

const authorizationRequest = async (bench: BenchPortal, extra: Record<string, string> = {}) => {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(bench.config, {
    redirect_uri: bench.portal.redirectUri,
    scope: 'openid',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...extra,
  });
  return { url, checks: { pkceCodeVerifier: verifier, expectedState: state, expectedNonce: nonce } };
};

/** Bare oidc-provider's development pages: any login (no password check), then its consent form. */
const walkDevInteractions = async (bench: BenchPortal, url: URL): Promise<URL> => {
  const { agent, issuer, portal } = bench;
  let step = await agent.follow(url, {}, portal.redirectUri);
  for (let pages = 0; pages < 4; pages += 1) {
    if (!step.response) return step.url;
    const page = await step.response.text();
    const action = new URL(formAction(page, '/interaction/'), issuer);
    if (page.includes('name="prompt" value="login"')) {
      step = await agent.postForm(
        action,
        { prompt: 'login', login: 'bench-user', password: 'bench' },
        portal.redirectUri,
      );
    } else if (page.includes('name="prompt" value="consent"')) {
      step = await agent.postForm(action, { prompt: 'consent' }, portal.redirectUri);
    } else {
      throw new Error(`unexpected page from bare oidc-provider (${step.response.status}): ${page.slice(0, 400)}`);
    }
  }
  throw new Error('the development interactions did not return to the portal');
};

/** Signs the browser in through the provider's pages (and consents where asked); returns the portal's tokens. */
export const signInInteractively = async (
  bench: BenchPortal,
  extra: Record<string, string> = {},
): Promise<oidc.TokenEndpointResponse> => {
  const { url, checks } = await authorizationRequest(bench, extra);
  const callback =
    bench.mode === 'platform'
      ? await signInByPhone(bench.agent, url, bench.issuer, BENCH_PHONE, bench.portal.redirectUri)
      : await walkDevInteractions(bench, url);
  return oidc.authorizationCodeGrant(bench.config, callback, checks);
};

/**
 * One complete sign-in with the session and the grant in place: authorization request, the provider's redirects
 * back to the portal (no page, no input), then the code exchanged at the token endpoint (private_key_jwt) and the
 * ID token validated.
 */
export const signInFlow = async (bench: BenchPortal): Promise<void> => {
  const { url, checks } = await authorizationRequest(bench);
  const { url: callback, response } = await bench.agent.follow(url, {}, bench.portal.redirectUri);
  if (response) {
    throw new Error(`sign-in needed a page (${response.status}): ${(await response.text()).slice(0, 400)}`);
  }
  await oidc.authorizationCodeGrant(bench.config, callback, checks);
};

/** A refresh token for the signed-in browser: offline access asked for, so consent is asked for once more. */
export const obtainRefreshToken = async (bench: BenchPortal): Promise<string> => {
  const tokens = await signInInteractively(bench, { scope: 'openid offline_access', prompt: 'consent' });
  if (!tokens.refresh_token) throw new Error(`${bench.mode}: no refresh token issued`);
  return tokens.refresh_token;
};

/** `count` refresh grants in a chain: with rotation each one spends the token the previous one returned. */
export const refreshChain = async (bench: BenchPortal, refreshToken: string, count: number): Promise<string> => {
  let current = refreshToken;
  for (let i = 0; i < count; i += 1) {
    const tokens = await oidc.refreshTokenGrant(bench.config, current);
    if (!tokens.refresh_token || tokens.refresh_token === current) throw new Error('refresh token not rotated');
    current = tokens.refresh_token;
  }
  return current;
};
