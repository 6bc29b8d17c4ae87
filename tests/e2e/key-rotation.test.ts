import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { afterAll, describe, expect, it } from 'vitest';
import { type RuntimeProcess, startLocalRuntime } from '../support/local-runtime-process.ts';
import { signInAtPortal } from '../support/portal-flow.ts';
import { discover, registerTestPortal, type TestPortal } from '../support/test-clients.ts';
import { UserAgent } from '../support/user-agent.ts';

const repositoryRoot = resolve(import.meta.dirname, '../..');

/**
 * Signing key rotation as an operator does it (`npm run keys -- rotate`): the key that was published as `next`
 * starts signing, and ID tokens signed before the rotation still verify against the published JWKS.
 */
describe('signing key rotation', () => {
  const stateDir = mkdtempSync(join(tmpdir(), 'platform-rotation-'));
  const env = { IDENTITY_PORT: '0' };
  let runtime: RuntimeProcess | undefined;
  afterAll(async () => {
    await runtime?.stop();
    rmSync(stateDir, { recursive: true, force: true });
  });

  const signIn = async (portal: TestPortal, phone: string) => {
    const issuer = runtime?.endpoints.identity as string;
    const config = await discover(issuer, portal.clientId, portal.keys);
    const { tokens } = await signInAtPortal(new UserAgent(), issuer, config, portal, phone);
    return tokens.id_token as string;
  };

  const jwks = async () =>
    (await (await fetch(`${runtime?.endpoints.identity}/jwks`)).json()) as { keys: { kid: string; alg: string }[] };

  it('publishes the next key before it signs, then signs with it while old tokens still verify', async () => {
    runtime = await startLocalRuntime([], env, { stateDir });
    const portal = await registerTestPortal(runtime.endpoints, 'rotation-portal');
    const before = await signIn(portal, '13600000001');
    const oldKid = decodeProtectedHeader(before).kid;
    const publishedBefore = (await jwks()).keys.filter((key) => key.alg === 'ES256').map((key) => key.kid);
    expect(publishedBefore).toHaveLength(2); // current + next
    const nextKid = publishedBefore.find((kid) => kid !== oldKid);
    await runtime.stop();

    const rotate = spawnSync(
      join(repositoryRoot, 'node_modules/.bin/tsx'),
      ['packages/signing-keys/src/cli.ts', 'rotate', '--min-next-age-seconds', '0'],
      { cwd: repositoryRoot, env: { ...process.env, LOCAL_STATE_DIR: stateDir }, encoding: 'utf8' },
    );
    expect(rotate.status, rotate.stderr).toBe(0);

    runtime = await startLocalRuntime([], env, { stateDir });
    const after = await signIn(portal, '13600000002');
    expect(decodeProtectedHeader(after).kid).toBe(nextKid);

    const issuer = runtime.endpoints.identity;
    const keySet = createRemoteJWKSet(new URL(`${issuer}/jwks`));
    // The pre-rotation token's issuer is the previous run's URL; its signature is what is checked here.
    await expect(jwtVerify(before, keySet)).resolves.toBeTruthy();
    await expect(jwtVerify(after, keySet, { issuer, audience: portal.clientId })).resolves.toBeTruthy();
    expect((await jwks()).keys.map((key) => key.kid)).toEqual(expect.arrayContaining([oldKid, nextKid]));
  });
});
