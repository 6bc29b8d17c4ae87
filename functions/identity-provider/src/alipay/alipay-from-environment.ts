import { readFileSync } from 'node:fs';
import { readJsonSecret } from '@platform/aws-json';
import { createAlipayPaymentAccountVerifier, type PaymentAccountVerifier } from '@platform/real-name';

/** The login app's keys, from the local file or the deployed secret: the same JSON in both. */
const credentialsOf = (credentials: Record<string, unknown>, source: string) => {
  const text = (name: string): string => {
    const value = credentials[name];
    if (typeof value !== 'string' || value === '') throw new TypeError(`${source} has no ${name}.`);
    return value;
  };
  return { appId: text('appId'), appPrivateKey: text('appPrivateKey'), alipayPublicKey: text('alipayPublicKey') };
};

/**
 * The Alipay login app of the identity provider (its own app id and key pair, not the payments app's) with
 * `alipay-sdk`: for the identity-payment-account function only, which exchanges the codes (the provider starts the
 * check with alipay-authorisation-from-environment.ts and never bundles the SDK). Keys never go into the environment.
 * Neither configuration: undefined.
 *
 * - Locally, the one the local runtime registered at its Alipay simulator: `IDENTITY_ALIPAY_URL` (the simulator's
 *   base URL: gateway `/gateway.do`, authorise page `/oauth2/publicAppAuthorize.htm`) and
 *   `IDENTITY_ALIPAY_CREDENTIALS_FILE` (JSON `{appId, appPrivateKey, alipayPublicKey}`, mode 0600).
 * - Deployed (the identity stack, `deployment.identity.alipayLogin`): `IDENTITY_ALIPAY_GATEWAY_URL` and
 *   `IDENTITY_ALIPAY_AUTHORISE_URL` (Alipay's two hosts differ: `openapi…/gateway.do`, `openauth…/oauth2/…`) and
 *   `IDENTITY_ALIPAY_CREDENTIALS_SECRET_ID`, a Secrets Manager secret holding the same JSON.
 */
export const alipayPaymentAccountFromEnvironment = async (
  env: NodeJS.ProcessEnv,
  readSecret: (secretId: string) => Promise<Record<string, unknown>> = readJsonSecret,
): Promise<PaymentAccountVerifier | undefined> => {
  const baseUrl = env.IDENTITY_ALIPAY_URL;
  const file = env.IDENTITY_ALIPAY_CREDENTIALS_FILE;
  if (baseUrl && file) {
    const base = baseUrl.replace(/\/+$/, '');
    return createAlipayPaymentAccountVerifier({
      ...credentialsOf(JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>, file),
      gatewayUrl: `${base}/gateway.do`,
      authoriseUrl: `${base}/oauth2/publicAppAuthorize.htm`,
    });
  }
  const gatewayUrl = env.IDENTITY_ALIPAY_GATEWAY_URL;
  const authoriseUrl = env.IDENTITY_ALIPAY_AUTHORISE_URL;
  const secretId = env.IDENTITY_ALIPAY_CREDENTIALS_SECRET_ID;
  if (!gatewayUrl || !authoriseUrl || !secretId) return undefined;
  return createAlipayPaymentAccountVerifier({
    ...credentialsOf(await readSecret(secretId), `secret ${secretId}`),
    gatewayUrl,
    authoriseUrl,
  });
};
