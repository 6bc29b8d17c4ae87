import * as oidc from 'openid-client';
import { formAction, hiddenField, latestSmsCode, UserAgent } from '../../tests/support/user-agent.ts';
import type { BenchPortal } from './identity-flows.ts';

/**
 * The browser's side of the real-name benchmark: a sign-in of a new person from nothing (new browser, new phone
 * number, so a new account and a new session) through the provider's pages, optionally asking for an assurance
 * level the phone alone does not reach, so that the provider shows its step-up page and an ID number + name check
 * raises the session before the redirect back to the portal. Then the code is exchanged and the ID token's `acr`
 * checked. Every request of one flow carries one `X-Forwarded-For` address of its own: the provider counts SMS codes
 * and real-name checks per network (`clientIp` takes the first address of that header), and a benchmark must not
 * run into those limits.
 */

export const ACR_L1 = 'urn:platform:loa:1';
export const ACR_L2 = 'urn:platform:loa:2';

export interface StepUpPerson {
  readonly name: string;
  readonly citizenId: string;
}

export interface RealNameFlow {
  /** A mobile number no other flow of this run uses. */
  readonly phone: string;
  /** An IPv4 address no other flow of this run uses. */
  readonly ip: string;
  /** Present: the portal asks for L2 and this person's ID number and name are entered on the step-up page. */
  readonly stepUp?: StepUpPerson;
}

/** Distinct phone numbers and addresses (198.18.0.0/15, the benchmarking range) for flow `index`. */
export const flowIdentity = (index: number): { phone: string; ip: string } => ({
  phone: `1390000${String(index).padStart(4, '0')}`,
  ip: `198.18.${Math.floor(index / 250)}.${(index % 250) + 1}`,
});

const post = (agent: UserAgent, url: URL, fields: Record<string, string>, ip: string, stopAt: string) =>
  agent.follow(
    url,
    {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-forwarded-for': ip },
      body: new URLSearchParams(fields).toString(),
    },
    stopAt,
  );

/** One complete flow; resolves with the ID token's `acr`. */
export const realNameSignIn = async (bench: BenchPortal, flow: RealNameFlow): Promise<string> => {
  const { issuer, portal } = bench;
  const agent = new UserAgent();
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const url = oidc.buildAuthorizationUrl(bench.config, {
    redirect_uri: portal.redirectUri,
    scope: 'openid',
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: 'S256',
    state,
    nonce,
    ...(flow.stepUp ? { acr_values: ACR_L2 } : {}),
  });
  const headers = { 'x-forwarded-for': flow.ip };
  let step = await agent.follow(url, { headers }, portal.redirectUri);
  let steppedUp = false;
  for (let pages = 0; pages < 6 && step.response; pages += 1) {
    const page = await step.response.text();
    const at = (path: string) => new URL(formAction(page, path), issuer);
    const csrf = () => hiddenField(page, 'csrf');
    if (page.includes('/id-name')) {
      if (!flow.stepUp || steppedUp) throw new Error(`step-up refused or not expected: ${page.slice(0, 800)}`);
      steppedUp = true;
      const fields = { csrf: csrf(), name: flow.stepUp.name, citizenId: flow.stepUp.citizenId };
      step = await post(agent, at('/id-name'), fields, flow.ip, portal.redirectUri);
    } else if (page.includes('/phone?')) {
      step = await post(agent, at('/phone'), { csrf: csrf(), phone: flow.phone }, flow.ip, portal.redirectUri);
    } else if (page.includes('/code?')) {
      const code = await latestSmsCode(issuer, flow.phone);
      const fields = { csrf: csrf(), challenge: hiddenField(page, 'challenge'), code };
      step = await post(agent, at('/code'), fields, flow.ip, portal.redirectUri);
    } else if (page.includes('/consent?')) {
      step = await post(agent, at('/consent'), { csrf: csrf() }, flow.ip, portal.redirectUri);
    } else {
      throw new Error(`unexpected page (${step.response.status}): ${page.slice(0, 800)}`);
    }
  }
  if (step.response) throw new Error('the sign-in did not return to the portal');
  const tokens = await oidc.authorizationCodeGrant(bench.config, step.url, {
    pkceCodeVerifier: verifier,
    expectedState: state,
    expectedNonce: nonce,
  });
  const acr = String(tokens.claims()?.acr ?? '');
  const expected = flow.stepUp ? ACR_L2 : ACR_L1;
  if (acr !== expected || (flow.stepUp && !steppedUp)) {
    throw new Error(`signed in at ${acr || 'no acr'}, expected ${expected}${steppedUp ? '' : ' (no step-up page)'}`);
  }
  return acr;
};
