import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { PortalRegistry } from '@platform/portal-registry';
import { type CryptoKey, calculateJwkThumbprint, exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

/**
 * The collecting department the demo issues notices as: the seeded item catalogue's Beijing public security bureau
 * (its items, e.g. `103050101` traffic fines, are collected by client `bj-public-security` only).
 */
export const DEMO_DEPARTMENT_ID = 'bj-public-security';

export interface DemoDepartmentKey {
  readonly privateKey: CryptoKey;
  readonly kid: string;
}

const registration = (publicJwk: JWK) => ({
  kind: 'department',
  clientId: DEMO_DEPARTMENT_ID,
  name: { 'zh-CN': '北京市公安局（演示）', en: 'Beijing Public Security Bureau (demo)' },
  departmentCode: '110000-GA',
  allowedScopes: ['payments:notices:read', 'payments:notices:write', 'payments:webhooks', 'payments:refunds:write'],
  tokenEndpointAuthMethod: 'private_key_jwt',
  jwks: { keys: [publicJwk] },
});

const newKey = async (): Promise<{ privateJwk: JWK; publicJwk: JWK }> => {
  const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  return {
    privateJwk: { ...(await exportJWK(privateKey)), kid, alg: 'ES256' },
    publicJwk: { ...publicJwk, kid, alg: 'ES256', use: 'sig' },
  };
};

/**
 * Registers the demo department at the provider on first use and keeps its private key in the state folder
 * (`demo/department-key.json`), so later runs sign in as the same client. When the registration exists but the key
 * file does not (a deleted state folder with DynamoDB data kept elsewhere), the registration gets a new key.
 */
export const ensureDemoDepartment = async (registry: PortalRegistry, stateDir: string): Promise<DemoDepartmentKey> => {
  const keyFile = join(stateDir, 'demo', 'department-key.json');
  const registered = await registry.get(DEMO_DEPARTMENT_ID);
  let privateJwk: JWK;
  if (registered && existsSync(keyFile)) {
    privateJwk = JSON.parse(readFileSync(keyFile, 'utf8')) as JWK;
  } else {
    const key = await newKey();
    privateJwk = key.privateJwk;
    if (registered) await registry.update(DEMO_DEPARTMENT_ID, { jwks: { keys: [key.publicJwk] } }, { by: 'demo' });
    else await registry.register(registration(key.publicJwk), { by: 'demo' });
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, `${JSON.stringify(privateJwk)}\n`, { mode: 0o600 });
  }
  return { privateKey: (await importJWK(privateJwk, 'ES256')) as CryptoKey, kid: privateJwk.kid as string };
};
