import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RuntimeProcess, startLocalRuntime } from '../support/local-runtime-process.ts';
import { startAuthorization } from '../support/portal-flow.ts';
import { discover, registerTestPortal, type TestPortal } from '../support/test-clients.ts';
import { formAction, hiddenField, signInByPhone, UserAgent } from '../support/user-agent.ts';

/** Third-party portals ask for consent; pairwise portals get a subject of their own. */
describe('consent and pairwise subjects', () => {
  let runtime: RuntimeProcess;
  let issuer: string;
  let firstParty: TestPortal;
  let thirdParty: TestPortal;
  let pairwise: TestPortal;

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    issuer = runtime.endpoints.identity;
    firstParty = await registerTestPortal(runtime.endpoints, 'first-party');
    thirdParty = await registerTestPortal(runtime.endpoints, 'third-party', { firstParty: false });
    pairwise = await registerTestPortal(runtime.endpoints, 'pairwise-portal', { subjectType: 'pairwise' });
  });
  afterAll(async () => {
    await runtime?.stop();
  });

  const authorization = async (portal: TestPortal) => {
    const request = await startAuthorization(await discover(issuer, portal.clientId, portal.keys), portal, {
      scope: 'openid phone',
    });
    return { url: request.url, redeem: async (callback: URL) => (await request.redeem(callback)).claims() };
  };

  it('asks for consent at a third-party portal, listing what it will receive, and honours a refusal', async () => {
    const agent = new UserAgent();
    const first = await authorization(firstParty);
    await signInByPhone(agent, first.url, issuer, '13300000001', firstParty.redirectUri);

    const refused = await authorization(thirdParty);
    const consent = await agent.follow(refused.url, {}, thirdParty.redirectUri);
    const page = (await consent.response?.text()) ?? '';
    expect(page).toContain('id="scopes"');
    expect(page).toContain('手机号码');
    const denied = await agent.postForm(
      new URL(formAction(page, '/abort'), issuer),
      { csrf: hiddenField(page, 'csrf') },
      thirdParty.redirectUri,
    );
    expect(denied.url.searchParams.get('error')).toBe('access_denied');

    const allowed = await authorization(thirdParty);
    const callback = await signInByPhone(agent, allowed.url, issuer, '13300000001', thirdParty.redirectUri);
    expect((await allowed.redeem(callback))?.sub).toBeTruthy();
  });

  it('gives a pairwise portal its own stable subject for the same person', async () => {
    const agent = new UserAgent();
    const atPublic = await authorization(firstParty);
    const publicSub = (
      await atPublic.redeem(await signInByPhone(agent, atPublic.url, issuer, '13300000002', firstParty.redirectUri))
    )?.sub;
    const atPairwise = await authorization(pairwise);
    const pairwiseSub = (
      await atPairwise.redeem(await signInByPhone(agent, atPairwise.url, issuer, '13300000002', pairwise.redirectUri))
    )?.sub;
    const again = await authorization(pairwise);
    const pairwiseAgain = (
      await again.redeem(await signInByPhone(agent, again.url, issuer, '13300000002', pairwise.redirectUri))
    )?.sub;

    expect(pairwiseSub).toBeTruthy();
    expect(pairwiseSub).not.toBe(publicSub);
    expect(pairwiseAgain).toBe(pairwiseSub);
  });
});
