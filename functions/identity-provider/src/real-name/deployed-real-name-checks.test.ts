import { describe, expect, it } from 'vitest';
import { IdentitySecretsError } from '../identity-secrets.ts';
import { deployedRealNameChecks } from './deployed-real-name-checks.ts';

const env = {
  REAL_NAME_REGISTRY_URL: 'https://registry.example.gov.cn',
  REAL_NAME_CARRIER_URL: 'https://carrier.example.gov.cn',
  REAL_NAME_SECRET_ID: 'arn:aws:secretsmanager:real-name',
};
const client = (clientId: string) => ({ clientId, secret: 'a-shared-secret-of-at-least-32-characters' });

describe('deployedRealNameChecks', () => {
  it('offers nothing where the stage configures no real-name checks, and reads no secret', async () => {
    const reads: string[] = [];
    const read = async (id: string) => {
      reads.push(id);
      return {};
    };
    expect(await deployedRealNameChecks({}, read)).toBeUndefined();
    expect(await deployedRealNameChecks({ ...env, REAL_NAME_SECRET_ID: '' }, read)).toBeUndefined();
    expect(reads).toEqual([]);
  });

  it('builds the registry and the carrier check from the URLs and the secret’s two clients', async () => {
    const reads: string[] = [];
    const checks = await deployedRealNameChecks(env, async (id) => {
      reads.push(id);
      return { registry: client('registry-client'), carrier: client('carrier-client') };
    });
    expect(reads).toEqual(['arn:aws:secretsmanager:real-name']);
    expect(typeof checks?.registry.checkIdentity).toBe('function');
    expect(checks?.carrier).toBeDefined();
  });

  it('refuses a secret without both clients, naming the field and no value', async () => {
    const attempt = deployedRealNameChecks(env, async () => ({ registry: client('registry-client') }));
    await expect(attempt).rejects.toThrow(IdentitySecretsError);
    await expect(deployedRealNameChecks(env, async () => ({ registry: client('r') }))).rejects.toThrow(/"carrier"/);
  });
});
