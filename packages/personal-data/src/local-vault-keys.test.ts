import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalKeysError } from './errors.ts';
import { loadLocalVaultKeys, localPersonalDataVault } from './local-vault-keys.ts';

describe('loadLocalVaultKeys', () => {
  let stateDir: string;
  beforeEach(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'personal-data-'));
  });
  afterEach(() => rm(stateDir, { recursive: true, force: true }));
  const file = () => join(stateDir, 'keys', 'personal-data.json');

  it('creates a master key and an independent index key on first use, readable by the owner only', async () => {
    const keys = await loadLocalVaultKeys(stateDir);
    expect(keys.masterKey).toHaveLength(32);
    expect(keys.indexKey).toHaveLength(32);
    expect(keys.masterKey.equals(keys.indexKey)).toBe(false);
    expect((await stat(file())).mode & 0o777).toBe(0o600);
    expect((await stat(join(stateDir, 'keys'))).mode & 0o777).toBe(0o700);
  });

  it('reuses the keys after that, so values sealed in one run open in the next', async () => {
    const sealed = await (await localPersonalDataVault(stateDir)).seal('phone', '13812345678');
    expect(await loadLocalVaultKeys(stateDir)).toEqual(await loadLocalVaultKeys(stateDir));
    expect(await (await localPersonalDataVault(stateDir)).open(sealed)).toBe('13812345678');
  });

  it('lets concurrent first uses agree on one pair of keys, leaving no temporary file', async () => {
    const all = await Promise.all([1, 2, 3, 4].map(() => loadLocalVaultKeys(stateDir)));
    for (const keys of all) expect(keys).toEqual(all[0]);
    expect(await readdir(join(stateDir, 'keys'))).toEqual(['personal-data.json']);
  });

  it('reports a damaged key file instead of replacing it', async () => {
    await loadLocalVaultKeys(stateDir);
    await writeFile(file(), JSON.stringify({ masterKey: 'c2hvcnQ', indexKey: 'c2hvcnQ' }));
    await expect(loadLocalVaultKeys(stateDir)).rejects.toThrow(LocalKeysError);
    await writeFile(file(), 'not json');
    await expect(loadLocalVaultKeys(stateDir)).rejects.toThrow(LocalKeysError);
  });
});
