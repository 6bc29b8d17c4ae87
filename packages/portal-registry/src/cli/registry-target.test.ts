import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from './cli-error.ts';
import { resolveRegistryTarget } from './registry-target.ts';

const stateDir = (endpoints?: string): string => {
  const dir = mkdtempSync(join(tmpdir(), 'portal-cli-'));
  if (endpoints !== undefined) writeFileSync(join(dir, 'endpoints.json'), endpoints);
  return dir;
};

describe('resolveRegistryTarget (where the admin CLI works)', () => {
  it('uses IDENTITY_TABLE with the SDK defaults, or DYNAMODB_ENDPOINT when set', () => {
    const deployed = resolveRegistryTarget({ IDENTITY_TABLE: 'prod-identity', AWS_REGION: 'cn-north-1' }, '/repo');
    expect(deployed).toMatchObject({
      tableName: 'prod-identity',
      description: 'table prod-identity on AWS region cn-north-1',
    });
    expect(deployed.clientEnv.DYNAMODB_ENDPOINT).toBeUndefined();
    const local = resolveRegistryTarget({ IDENTITY_TABLE: 't', DYNAMODB_ENDPOINT: 'http://127.0.0.1:1' }, '/repo');
    expect(local.clientEnv.DYNAMODB_ENDPOINT).toBe('http://127.0.0.1:1');
  });

  it('otherwise reads the endpoints the local runtime wrote', () => {
    const dir = stateDir(
      JSON.stringify({ dynamodb: 'http://127.0.0.1:4300', tables: { IDENTITY_TABLE: 'local-identity' } }),
    );
    const target = resolveRegistryTarget({ LOCAL_STATE_DIR: dir }, '/repo');
    expect(target).toMatchObject({ tableName: 'local-identity', local: true });
    expect(target.clientEnv).toMatchObject({ DYNAMODB_ENDPOINT: 'http://127.0.0.1:4300', AWS_REGION: 'local' });
  });

  it('says to start the platform when there is none', () => {
    expect(() => resolveRegistryTarget({ LOCAL_STATE_DIR: stateDir() }, '/repo')).toThrow(CliError);
    expect(() => resolveRegistryTarget({ LOCAL_STATE_DIR: stateDir() }, '/repo')).toThrow(
      /Start the platform with `npm start` first, or set IDENTITY_TABLE and AWS credentials for a deployed stage/,
    );
    expect(() => resolveRegistryTarget({ LOCAL_STATE_DIR: stateDir('{') }, '/repo')).toThrow(/not valid JSON/);
    expect(() => resolveRegistryTarget({ LOCAL_STATE_DIR: stateDir('{}') }, '/repo')).toThrow(/does not name/);
  });
});
