import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { PortalRegistry } from '../../packages/portal-registry/src/index.ts';
import { type CliRun, runCli } from '../support/cli-process.ts';
import { createTestStorage, type TestStorage } from '../support/dynamodb.ts';

const root = resolve(import.meta.dirname, '../..');
const examples = join(root, 'packages/portal-registry/examples');

/** The CLI as an operator runs it. */
const cli = (args: readonly string[], env: NodeJS.ProcessEnv) =>
  runCli('packages/portal-registry/src/cli.ts', args, env);

/** A user error: exit status 1, nothing on stdout, exactly one line on stderr. */
const expectOneErrorLine = (run: CliRun): string => {
  expect(run.code).toBe(1);
  expect(run.stdout).toBe('');
  const lines = run.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^error: /);
  return lines[0] as string;
};

describe('portal admin CLI against DynamoDB Local', () => {
  let storage: TestStorage;
  let env: NodeJS.ProcessEnv;
  let registry: PortalRegistry;
  const scratch = mkdtempSync(join(tmpdir(), 'portal-cli-test-'));
  const file = (name: string, content: unknown): string => {
    const path = join(scratch, name);
    writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
    return path;
  };

  beforeAll(async () => {
    storage = await createTestStorage();
    const { LOCAL_STATE_DIR: _ignored, ...parent } = process.env;
    env = { ...parent, ...storage.env, USER: 'cli-operator' };
    registry = new PortalRegistry({ documents: storage.documents, tableName: storage.tableNames.identity });
  });

  it('registers a portal and a department, shows a secret once, lists and disables', async () => {
    const [portal, department, exception] = await Promise.all([
      cli(['portal', 'register', '--file', join(examples, 'citizen-portal.json')], env),
      cli(['portal', 'register', '--file', join(examples, 'market-supervision-department.json'), '--by', 'dana'], env),
      cli(['portal', 'register', '--file', join(examples, 'partner-portal-secret-exception.json')], env),
    ]);
    expect(portal).toMatchObject({ code: 0, stderr: '' });
    expect(portal.stdout).toBe('Registered portal zhejiang-zwfw (version 1, active).\n');
    expect(department.stdout).toContain('Registered department hz-market-supervision');
    const secret = /^\s+([A-Za-z0-9_-]{43})$/m.exec(exception.stdout)?.[1];
    expect(exception.stdout).toContain('shown this once');
    expect(await registry.findClientMetadata('housing-fund-partner')).toMatchObject({ client_secret: secret });
    expect((await registry.history('hz-market-supervision'))[0]?.by).toBe('dana');
    expect((await registry.history('zhejiang-zwfw'))[0]?.by).toBe('cli-operator');

    const table = await cli(['portal', 'list'], env);
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^CLIENT ID\s+KIND\s+STATUS/);
    expect(lines.find((line) => line.startsWith('zhejiang-zwfw'))).toMatch(/portal\s+active\s+private_key_jwt\s+1\s/);
    expect(lines).toHaveLength(4);

    const departments = JSON.parse((await cli(['portal', 'list', '--kind', 'department', '--json'], env)).stdout);
    expect(departments.map((p: { registration: { clientId: string } }) => p.registration.clientId)).toEqual([
      'hz-market-supervision',
    ]);

    const disabled = await cli(['portal', 'disable', 'zhejiang-zwfw'], env);
    expect(disabled).toMatchObject({ code: 0, stderr: '' });
    expect(disabled.stdout).toContain('Disabled portal zhejiang-zwfw (version 2)');
    expect((await registry.get('zhejiang-zwfw'))?.status).toBe('disabled');
    expect(await registry.findClientMetadata('zhejiang-zwfw')).toBeUndefined();

    const shown = await cli(['portal', 'show', 'housing-fund-partner'], env);
    expect(JSON.parse(shown.stdout)).toMatchObject({ status: 'active', version: 1 });
    expect(shown.stdout).not.toContain(secret);

    const updated = await cli(
      [
        'portal',
        'update',
        'zhejiang-zwfw',
        '--file',
        join(examples, 'citizen-portal-update.json'),
        '--expected-version',
        '2',
      ],
      env,
    );
    expect(updated.stdout).toBe('Updated portal zhejiang-zwfw to version 3: backchannelLogoutUri, redirectUris.\n');
    const history = await cli(['portal', 'history', 'zhejiang-zwfw'], env);
    expect(history.stdout).toMatch(/register\s+cli-operator/);
    expect(history.stdout).toMatch(/disable\s+cli-operator\s+status/);
  });

  it('refuses a bad registration file with one error line and stores nothing', async () => {
    const insecure = file('insecure.json', {
      kind: 'portal',
      clientId: 'bad-portal',
      name: { 'zh-CN': '坏门户', en: 'Bad portal' },
      firstParty: false,
      redirectUris: ['http://bad.example.gov.cn/cb'],
      allowedScopes: ['openid'],
      jwksUri: 'https://bad.example.gov.cn/jwks',
    });
    const line = expectOneErrorLine(await cli(['portal', 'register', '--file', insecure], env));
    expect(line).toContain('redirectUris[0]');
    expect(line).toContain('http://bad.example.gov.cn/cb');
    expect(line).toContain('[insecure_redirect_uri]');
    expect(await registry.get('bad-portal')).toBeUndefined();
    expect(await registry.history('bad-portal')).toEqual([]);
  });

  it('answers every other mistake with one error line too', async () => {
    const runs = await Promise.all([
      cli(['portal', 'register', '--file', file('broken.json', '{ "kind": ')], env),
      cli(['portal', 'register', '--file', join(scratch, 'missing.json')], env),
      cli(['portal', 'show', 'no-such-portal'], env),
      cli(['portal', 'remove', 'x'], env),
      cli(['portal', 'list', '--kind', 'app'], env),
      cli(
        ['portal', 'update', 'hz-market-supervision', '--file', file('patch.json', { allowedScopes: ['openid'] })],
        env,
      ),
    ]);
    const lines = runs.map(expectOneErrorLine);
    expect(lines[0]).toContain('is not valid JSON');
    expect(lines[1]).toContain('no such file');
    expect(lines[2]).toContain('[not_found]');
    expect(lines[3]).toContain('unknown portal command "remove"');
    expect(lines[4]).toContain('--kind');
    expect(lines[5]).toContain('[scope_not_allowed]');
  });

  it('says how to get a target when there is none, and when DynamoDB does not answer', async () => {
    const { IDENTITY_TABLE: _table, DYNAMODB_ENDPOINT: _endpoint, ...withoutTarget } = env;
    const [none, unreachable] = await Promise.all([
      cli(['portal', 'list'], { ...withoutTarget, LOCAL_STATE_DIR: mkdtempSync(join(tmpdir(), 'no-platform-')) }),
      cli(['portal', 'list'], { ...env, DYNAMODB_ENDPOINT: 'http://127.0.0.1:9' }),
    ]);
    expect(expectOneErrorLine(none)).toContain(
      'Start the platform with `npm start` first, or set IDENTITY_TABLE and AWS credentials for a deployed stage',
    );
    expect(expectOneErrorLine(unreachable)).toContain('DynamoDB did not answer (table ');
  });

  it('finds the local platform through the endpoints file npm start writes', async () => {
    const { IDENTITY_TABLE: _table, DYNAMODB_ENDPOINT: _endpoint, ...withoutTarget } = env;
    const stateDir = mkdtempSync(join(tmpdir(), 'platform-state-'));
    writeFileSync(
      join(stateDir, 'endpoints.json'),
      JSON.stringify({ dynamodb: storage.endpoint, tables: { IDENTITY_TABLE: storage.tableNames.identity } }),
    );
    const run = await cli(['portal', 'list', '--json'], { ...withoutTarget, LOCAL_STATE_DIR: stateDir });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).length).toBeGreaterThan(0);
  });
});
