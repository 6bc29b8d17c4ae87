import { randomBytes } from 'node:crypto';
import { exportJWK, generateKeyPair } from 'jose';
import serverless from 'serverless-http';
import { createBareProvider } from './identity-bare-provider.ts';

/**
 * The cold-start baseline of the identity function: bare oidc-provider behind serverless-http, shaped like
 * `functions/identity-provider/src/handler.ts` (provider built on the first event). Bundled with the same options,
 * it shows how much of the identity function's bundle and start-up is oidc-provider itself.
 */
let app: Promise<serverless.Handler> | undefined;

const build = async (): Promise<serverless.Handler> => {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'bench-es256', alg: 'ES256', use: 'sig' };
  const provider = createBareProvider(process.env.IDENTITY_URL ?? 'http://127.0.0.1:4000', {
    jwks: { keys: [jwk] as never },
    cookieKeys: [randomBytes(32).toString('base64url')],
  });
  return serverless(provider.callback(), { binary: ['image/*', 'application/pdf', 'application/octet-stream'] });
};

export const handler = async (event: object, context: object): Promise<object> => {
  app ??= build();
  return (await app)(event, context);
};
