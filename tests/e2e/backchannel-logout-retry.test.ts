import { createServer, type Server } from 'node:http';
import { createRemoteJWKSet, jwtVerify } from 'jose';
import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RuntimeProcess, startLocalRuntime } from '../support/local-runtime-process.ts';
import { signInAtPortal } from '../support/portal-flow.ts';
import { discover, registerTestPortal } from '../support/test-clients.ts';
import { formAction, hiddenField, UserAgent } from '../support/user-agent.ts';

/** A portal down during sign-out still learns of it: the provider retries the back-channel logout on a schedule. */
describe('back-channel logout to a portal that is down', () => {
  let runtime: RuntimeProcess;
  let portalServer: Server;
  let failuresLeft = 1;
  const received: string[] = [];

  beforeAll(async () => {
    portalServer = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => {
        body += chunk;
      });
      request.on('end', () => {
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          response.writeHead(503).end();
          return;
        }
        received.push(new URLSearchParams(body).get('logout_token') ?? '');
        response.writeHead(200).end();
      });
    });
    await new Promise<void>((ready) => portalServer.listen(0, '127.0.0.1', ready));
    runtime = await startLocalRuntime(['--in-memory'], { LOCAL_SCHEDULE_SECONDS: '1' });
  });
  afterAll(async () => {
    await runtime?.stop();
    portalServer?.close();
  });

  it('records the failed delivery during sign-out and delivers a valid logout token on retry', async () => {
    const { port } = portalServer.address() as { port: number };
    const portal = await registerTestPortal(runtime.endpoints, 'flaky-portal', {
      backchannelLogoutUri: `http://127.0.0.1:${port}/backchannel-logout`,
    });
    const issuer = runtime.endpoints.identity;
    const config = await discover(issuer, portal.clientId, portal.keys);
    const agent = new UserAgent();
    const { tokens } = await signInAtPortal(agent, issuer, config, portal, '13500000001');
    const sid = tokens.claims()?.sid;

    const endSession = oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token as string });
    const confirm = await agent.follow(endSession);
    const page = (await confirm.response?.text()) ?? '';
    const done = await agent.postForm(new URL(formAction(page, '/session/end/confirm'), issuer), {
      xsrf: hiddenField(page, 'xsrf'),
      logout: 'yes',
    });
    expect(done.response?.status).toBe(200);
    expect(failuresLeft).toBe(0); // the inline attempt was made, and failed
    expect(received).toHaveLength(0);

    // The first retry is due 30 s after the failure; the local scheduler looks every second.
    const deadline = Date.now() + 60_000;
    while (received.length === 0 && Date.now() < deadline) await new Promise((wait) => setTimeout(wait, 500));
    expect(received).toHaveLength(1);
    const { payload } = await jwtVerify(received[0] as string, createRemoteJWKSet(new URL(`${issuer}/jwks`)), {
      issuer,
      audience: portal.clientId,
      typ: 'logout+jwt',
    });
    expect(payload).toMatchObject({ sid, events: { 'http://schemas.openid.net/event/backchannel-logout': {} } });

    // Delivered once: later scheduler runs find nothing due.
    await new Promise((wait) => setTimeout(wait, 2_500));
    expect(received).toHaveLength(1);
  });
});
