import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeySetConflictError, KeySetInvalidError } from './errors.ts';
import { FileKeySetStore } from './file-key-set-store.ts';
import { rotateKeySet } from './rotate-key-set.ts';

describe('FileKeySetStore', () => {
  let folder: string;
  let path: string;
  beforeEach(async () => {
    folder = await mkdtemp(join(tmpdir(), 'signing-keys-'));
    path = join(folder, 'keys', 'identity-key-set.json');
  });
  afterEach(() => rm(folder, { recursive: true, force: true }));

  it('creates the key set on first load, readable by its owner only, in a folder it creates', async () => {
    const set = await new FileKeySetStore(path).load();
    expect(set.keys).toHaveLength(4);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(folder, 'keys'))).mode & 0o777).toBe(0o700);
    expect(JSON.parse(await readFile(path, 'utf8'))).toEqual(set);
  });

  it('reuses the stored key set after that', async () => {
    const first = await new FileKeySetStore(path).load();
    expect(await new FileKeySetStore(path).load()).toEqual(first);
  });

  it('lets concurrent first loads agree on one key set', async () => {
    const sets = await Promise.all([1, 2, 3, 4].map(() => new FileKeySetStore(path).load()));
    for (const set of sets) expect(set).toEqual(sets[0]);
    expect(await readdir(join(folder, 'keys'))).toEqual(['identity-key-set.json']);
  });

  it('saves a rotated set atomically, with no temporary file left behind, and keeps mode 0600', async () => {
    const store = new FileKeySetStore(path);
    const { set, version } = await store.loadVersioned();
    const rotated = await rotateKeySet(set, new Date(), { retentionSeconds: 3_600 });
    const newVersion = await store.save(rotated, version);
    expect(newVersion).not.toBe(version);
    expect(await store.loadVersioned()).toEqual({ set: rotated, version: newVersion });
    expect(await readdir(join(folder, 'keys'))).toEqual(['identity-key-set.json']);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('refuses to overwrite a key set that changed since it was read', async () => {
    const store = new FileKeySetStore(path);
    const { set, version } = await store.loadVersioned();
    await store.save(await rotateKeySet(set, new Date(), { retentionSeconds: 3_600 }), version);
    const stale = rotateKeySet(set, new Date(), { retentionSeconds: 3_600 });
    await expect(store.save(await stale, version)).rejects.toThrow(KeySetConflictError);
  });

  it('reports a damaged file instead of replacing it', async () => {
    await new FileKeySetStore(path).load();
    await writeFile(path, '{"version":1,"keys":[');
    await expect(new FileKeySetStore(path).load()).rejects.toThrow(KeySetInvalidError);
    expect(await readFile(path, 'utf8')).toBe('{"version":1,"keys":[');
  });
});
