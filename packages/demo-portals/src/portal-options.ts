import type { JWK } from 'jose';
import { DemoPortalError } from './demo-portal-error.ts';

/** Display name in both languages of the platform. */
export interface LocalizedName {
  readonly 'zh-CN': string;
  readonly en: string;
}

export type DemoPortalId = 'social-security' | 'housing-fund';

export interface DemoPortalOptions {
  /** Names the portal in logs and cookies; `social-security` and `housing-fund` also pick the portal's colours. */
  readonly id: DemoPortalId | (string & {});
  readonly name: LocalizedName;
  /** Loopback port to listen on; 0 picks a free one. */
  readonly port: number;
  /** The provider's issuer identifier, e.g. `http://127.0.0.1:4000` (plain http only on a loopback host). */
  readonly issuer: string;
  readonly clientId: string;
  /** ES256 private key (with `kid`) for `private_key_jwt`; its public half is registered at the provider. */
  readonly privateJwk: JWK;
  /** Default `openid phone profile`. */
  readonly scopes?: string;
  /** Sent as `acr_values` on every sign-in unless the sign-in link names its own (`/login?acr=`). */
  readonly acrValues?: string;
  readonly log?: (line: string) => void;
}

/** The two portals of the demo, with their names, for whoever starts them. */
export const DEMO_PORTALS: Readonly<Record<DemoPortalId, LocalizedName>> = {
  'social-security': { 'zh-CN': '社会保障', en: 'Social Security' },
  'housing-fund': { 'zh-CN': '住房公积金', en: 'Housing Fund' },
};

export const DEFAULT_SCOPES = 'openid phone profile';

/** Both the ID token and the logout token are signed with this; it is what the registration asks for. */
export const ID_TOKEN_SIGNING_ALG = 'ES256';

const PORTAL_ID_PATTERN = /^[a-z][a-z0-9-]{1,40}$/;
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1', '[::1]']);

const fail = (message: string): never => {
  throw new DemoPortalError(message);
};

/** Options are checked when a portal is started (or registered), never half-way through a request. */
export const checkDemoPortalOptions = (options: DemoPortalOptions): void => {
  if (!PORTAL_ID_PATTERN.test(options.id))
    fail(`id must be 2 to 41 lower-case letters, digits or hyphens, starting with a letter (got "${options.id}")`);
  for (const language of ['zh-CN', 'en'] as const)
    if (typeof options.name?.[language] !== 'string' || options.name[language].trim() === '')
      fail(`name["${language}"] is required`);
  if (!Number.isInteger(options.port) || options.port < 0 || options.port > 65_535)
    fail(`port must be an integer from 0 to 65535 (got ${options.port})`);
  const issuer = URL.parse(options.issuer);
  if (!issuer || (issuer.protocol !== 'https:' && issuer.protocol !== 'http:'))
    fail(`issuer must be an absolute http(s) URL (got "${options.issuer}")`);
  if (issuer?.protocol === 'http:' && !LOOPBACK_HOSTS.has(issuer.hostname))
    fail(`issuer must use https; plain http is allowed only on a loopback host (got "${options.issuer}")`);
  if (typeof options.clientId !== 'string' || options.clientId === '') fail('clientId is required');
  const key = options.privateJwk;
  if (key?.kty !== 'EC' || key.crv !== 'P-256' || typeof key.d !== 'string')
    fail('privateJwk must be an EC P-256 private key (ES256); generatePortalKey() makes one');
  if (typeof key.kid !== 'string' || key.kid === '')
    fail('privateJwk needs a kid: the provider finds the registered public key by it');
  if (key.alg !== undefined && key.alg !== ID_TOKEN_SIGNING_ALG) fail(`privateJwk.alg must be ES256 (got ${key.alg})`);
  if (options.scopes !== undefined && !options.scopes.split(' ').includes('openid'))
    fail('scopes must include openid: the portal signs users in');
};
