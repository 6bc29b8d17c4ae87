import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import type { ClientMetadata } from 'oidc-provider';
import { identityProviderDependencies } from '../../functions/identity-provider/src/dependencies.ts';
import { createIdentityApp } from '../../functions/identity-provider/src/identity-app.ts';
import { createBareProvider } from './identity-bare-provider.ts';
import { CPU_PATH, READY_PREFIX } from './identity-provider-process.ts';

/**
 * One provider in a process of its own, so that its CPU time can be read apart from the benchmark's (which plays
 * the portal and the browser): `node --import tsx identity-provider-server.ts platform|bare`.
 *
 * - `platform`: the identity function's real composition (`identityProviderDependencies` + `createIdentityApp`)
 *   from the environment the parent sets (DynamoDB Local, a bench table, a temporary state folder).
 * - `bare`: oidc-provider with its in-memory adapter (`identity-bare-provider.ts`); the client comes as JSON in
 *   `BENCH_BARE_CLIENT`.
 *
 * Listens on 127.0.0.1 on a free port and prints `BENCH_READY <url>` on stdout once it serves. `GET /_bench/cpu`
 * answers this process's `process.cpuUsage()` (microseconds), in front of the provider.
 */
const mode = process.argv[2];
if (mode !== 'platform' && mode !== 'bare') throw new Error(`usage: identity-provider-server.ts platform|bare`);

const server = createServer();
await new Promise<void>((listening) => server.listen(0, '127.0.0.1', listening));
const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

const bareApp = async (): Promise<RequestListener> => {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'bench-es256', alg: 'ES256', use: 'sig' };
  const client = JSON.parse(process.env.BENCH_BARE_CLIENT ?? '') as ClientMetadata;
  const provider = createBareProvider(issuer, {
    client,
    jwks: { keys: [jwk] as never },
    cookieKeys: [randomBytes(32).toString('base64url')],
  });
  return provider.callback();
};

const app =
  mode === 'platform'
    ? createIdentityApp(await identityProviderDependencies({ ...process.env, IDENTITY_URL: issuer }))
    : await bareApp();

server.on('request', (request: IncomingMessage, response: ServerResponse) => {
  if (request.url === CPU_PATH) {
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(process.cpuUsage()));
    return;
  }
  app(request, response);
});

// A normal exit, so that `--cpu-prof` (BENCH_CPU_PROF in the parent) writes its profile. Also when the benchmark
// dies without stopping us: our stdin is its pipe, closed with it.
const exit = () => {
  server.closeAllConnections();
  server.close();
  process.exit(0);
};
process.once('SIGTERM', exit);
process.stdin.once('close', exit);
process.stdin.resume();

process.stdout.write(`${READY_PREFIX}${issuer}\n`);
