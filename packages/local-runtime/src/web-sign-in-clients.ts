import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generatePortalKey, publicPortalJwk } from '@platform/demo-portals';
import type { DocumentClient } from '@platform/dynamodb';
import { type KnownScope, type PortalClientRegistration, PortalRegistry } from '@platform/portal-registry';
import type { JWK } from 'jose';

/**
 * The payments context's own signed-in pages, each a first-party portal of the provider (`@platform/web-sign-in`):
 * where they live, what they may ask for, and the variables through which their function learns its client.
 */
export interface WebSignInClient {
  readonly clientId: string;
  readonly name: { readonly 'zh-CN': string; readonly en: string };
  /** The area's path under the payments URL: `<path>/callback` is the redirect URI, `<path>` the post-logout one. */
  readonly path: string;
  readonly scopes: readonly KnownScope[];
  /** The environment variables naming the client id and the keys file, e.g. `PAYER_SIGN_IN`. */
  readonly variablePrefix: string;
}

export const WEB_SIGN_IN_CLIENTS: readonly WebSignInClient[] = [
  {
    // `idcard` releases the citizen ID number (with the person's consent, every time) and `enterprise` a company's
    // USCC: the two identifiers notices are issued to. `profile` tells a company from a person.
    clientId: 'payer-pages',
    name: { 'zh-CN': '统一非税缴费', en: 'Non-tax payments' },
    path: '/my',
    scopes: ['openid', 'profile', 'idcard', 'enterprise'],
    variablePrefix: 'PAYER_SIGN_IN',
  },
  {
    // `idcard` releases the officer's citizen ID number, which the console turns into the officer registry's index.
    clientId: 'finance-console',
    name: { 'zh-CN': '财政对账与报表', en: 'Finance console' },
    path: '/finance',
    scopes: ['openid', 'idcard'],
    variablePrefix: 'FINANCE_SIGN_IN',
  },
];

export interface WebSignInClientOptions {
  readonly documents: DocumentClient;
  readonly identityTable: string;
  readonly stateDir: string;
  /** The payments context's public URL: the pages' redirect URIs are under it. */
  readonly paymentsUrl: string;
}

/** Private key and cookie key survive restarts (file 0600), so the registration and open sessions stay valid. */
const keysFile = async (stateDir: string, clientId: string): Promise<{ path: string; privateJwk: JWK }> => {
  const folder = join(stateDir, 'web-sign-in');
  const path = join(folder, `${clientId}.json`);
  if (existsSync(path)) {
    return { path, privateJwk: (JSON.parse(readFileSync(path, 'utf8')) as { clientPrivateJwk: JWK }).clientPrivateJwk };
  }
  const privateJwk = await generatePortalKey();
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const keys = { clientPrivateJwk: privateJwk, cookieKey: randomBytes(32).toString('base64url') };
  writeFileSync(path, JSON.stringify(keys), { mode: 0o600 });
  return { path, privateJwk };
};

/**
 * Registers each signed-in area as a first-party portal (as an operator's CLI would), updating a registration when the
 * payments URL changed since the last run, and returns the environment the payments functions need to sign people in.
 */
export const ensureWebSignInClients = async (options: WebSignInClientOptions): Promise<Record<string, string>> => {
  const registry = new PortalRegistry({ documents: options.documents, tableName: options.identityTable });
  const base = options.paymentsUrl.replace(/\/+$/, '');
  const environment: Record<string, string> = {};
  for (const client of WEB_SIGN_IN_CLIENTS) {
    const { path, privateJwk } = await keysFile(options.stateDir, client.clientId);
    const registration: PortalClientRegistration = {
      kind: 'portal',
      clientId: client.clientId,
      name: client.name,
      firstParty: true,
      redirectUris: [`${base}${client.path}/callback`],
      postLogoutRedirectUris: [`${base}${client.path}`],
      subjectType: 'public',
      allowedScopes: [...client.scopes],
      tokenEndpointAuthMethod: 'private_key_jwt',
      jwks: { keys: [{ ...publicPortalJwk(privateJwk) }] },
      idTokenSignedResponseAlg: 'ES256',
    };
    const existing = await registry.get(client.clientId);
    if (!existing) {
      await registry.register(registration, { by: 'npm start' });
    } else if (
      JSON.stringify(existing.registration) !== JSON.stringify({ ...existing.registration, ...registration })
    ) {
      const { kind: _kind, clientId: _clientId, ...patch } = registration;
      await registry.update(client.clientId, patch, { by: 'npm start' });
    }
    environment[`${client.variablePrefix}_CLIENT_ID`] = client.clientId;
    environment[`${client.variablePrefix}_KEYS_FILE`] = path;
  }
  return environment;
};
