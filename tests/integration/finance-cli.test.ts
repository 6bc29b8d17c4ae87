import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCitizenId } from '@platform/identifiers';
import { localPersonalDataVault } from '@platform/personal-data';
import { FinanceOfficerRegistry } from '@platform/refunds';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_FINANCE_OFFICERS, seedFinanceOfficers } from '../../packages/local-runtime/src/finance-officers.ts';
import { runCli } from '../support/cli-process.ts';
import { createTestStorage, type TestStorage } from '../support/dynamodb.ts';

/** `npm run finance -- …` as an operator runs it, against a local platform. */
const cli = (args: readonly string[], env: NodeJS.ProcessEnv) => runCli('packages/refunds/src/cli.ts', args, env);

describe('finance CLI: officers', () => {
  let storage: TestStorage;
  let env: NodeJS.ProcessEnv;
  const stateDir = mkdtempSync(join(tmpdir(), 'finance-cli-test-'));
  const idNumber = generateCitizenId({ region: '110105', birthDate: '1975-05-05', sequence: 321 });

  beforeAll(async () => {
    storage = await createTestStorage();
    // A local platform as `npm start` leaves it: endpoints.json names DynamoDB Local and the tables.
    writeFileSync(
      join(stateDir, 'endpoints.json'),
      JSON.stringify({ dynamodb: storage.endpoint, tables: { PAYMENTS_TABLE: storage.tableNames.payments } }),
    );
    const { PAYMENTS_TABLE: _table, ...parent } = process.env;
    env = { ...parent, LOCAL_STATE_DIR: stateDir };
  });

  it('grants, finds, lists and revokes, keyed by the vault’s blind index, printing nothing in clear', async () => {
    const granted = await cli(
      [
        'officer',
        'grant',
        '--id-number',
        idNumber,
        '--name',
        '赵财务',
        '--region',
        '110000',
        '--role',
        'refund_approver',
      ],
      env,
    );
    expect(granted.stderr).toBe('');
    expect(granted.code).toBe(0);
    expect(granted.stdout).toMatch(
      /^granted: 赵\*\* {2}110\*{11}\w{4} {2}region 110000 {2}roles refund_approver {2}active/u,
    );
    for (const run of [
      granted,
      await cli(['officer', 'list'], env),
      await cli(['officer', 'find', '--id-number', idNumber], env),
    ]) {
      expect(run.stdout).not.toContain(idNumber);
      expect(run.stdout).not.toContain('赵财务');
    }
    // The same index the payments functions compute with the local vault: the console finds the officer by it.
    const vault = await localPersonalDataVault(stateDir);
    const registry = new FinanceOfficerRegistry({
      documents: storage.documents,
      tableName: storage.tableNames.payments,
      officerIndex: (id) => vault.blindIndex('citizen-id', id),
    });
    expect(await registry.find(vault.blindIndex('citizen-id', idNumber))).toMatchObject({
      status: 'active',
      roles: ['refund_approver'],
    });

    const revoked = await cli(['officer', 'revoke', '--id-number', idNumber], env);
    expect(revoked.stdout).toMatch(/^revoked: .* revoked/);
    expect(await registry.findByIdNumber(idNumber)).toMatchObject({ status: 'revoked' });
  });

  it('refuses bad input with one error line and exit status 1', async () => {
    for (const args of [
      [
        'officer',
        'grant',
        '--id-number',
        '110105194912310021',
        '--name',
        'x',
        '--region',
        '110000',
        '--role',
        'reconciler',
      ],
      ['officer', 'grant', '--id-number', idNumber, '--name', 'x', '--region', '110000', '--role', 'admin'],
      ['officer', 'grant', '--id-number', idNumber, '--name', 'x', '--region', '110000'],
      ['officer', 'find', '--id-number', generateCitizenId({ sequence: 999 })],
      ['officer', 'promote'],
    ]) {
      const run = await cli(args, env);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^error: /);
    }
  });

  it('npm start seeds two demo refund approvers of the Beijing bureau, again on every start without duplicates', async () => {
    const seedDir = mkdtempSync(join(tmpdir(), 'finance-seed-test-'));
    const seed = { documents: storage.documents, paymentsTable: storage.tableNames.payments, stateDir: seedDir };
    await seedFinanceOfficers(seed);
    await seedFinanceOfficers(seed);
    const vault = await localPersonalDataVault(seedDir);
    const registry = new FinanceOfficerRegistry({
      documents: storage.documents,
      tableName: storage.tableNames.payments,
      officerIndex: (id) => vault.blindIndex('citizen-id', id),
    });
    const seeded = (await registry.list()).filter((officer) => officer.roles.includes('reconciler'));
    expect(seeded).toHaveLength(DEMO_FINANCE_OFFICERS.length);
    for (const officer of seeded) {
      expect(officer).toMatchObject({
        status: 'active',
        regionCode: '110000',
        roles: ['refund_approver', 'reconciler'],
      });
    }
  });
});
