import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { KEY_BYTES } from './aes-gcm.ts';
import { LocalKeysError } from './errors.ts';
import { LocalKeyWrapper } from './local-key-wrapper.ts';
import { PersonalDataVault } from './personal-data-vault.ts';

/** The laptop's stand-ins for the KMS key and the index-key secret. Two independent random keys. */
export interface LocalVaultKeys {
  readonly masterKey: Buffer;
  readonly indexKey: Buffer;
}

/**
 * Reads `${stateDir}/keys/personal-data.json`, creating it on first use (mode 0600, folder 0700). Created
 * with `link`, which fails if the file exists, so two processes starting together agree on one pair of keys.
 * Losing this file makes every locally sealed value unreadable; that is the point of encryption.
 */
export const loadLocalVaultKeys = async (stateDir: string): Promise<LocalVaultKeys> => {
  const path = join(stateDir, 'keys', 'personal-data.json');
  const existing = await readKeys(path);
  if (existing) return existing;
  await createOnce(path);
  const created = await readKeys(path);
  if (!created) throw new LocalKeysError(`${path} vanished right after it was created`);
  return created;
};

/** A vault over the local keys, for `npm start` and tests. */
export const localPersonalDataVault = async (stateDir: string): Promise<PersonalDataVault> => {
  const { masterKey, indexKey } = await loadLocalVaultKeys(stateDir);
  return new PersonalDataVault({ keyWrapper: new LocalKeyWrapper(masterKey), indexKey });
};

const readKeys = async (path: string): Promise<LocalVaultKeys | undefined> => {
  let content: string;
  try {
    content = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new LocalKeysError(`cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  let json: { masterKey?: unknown; indexKey?: unknown };
  try {
    json = JSON.parse(content);
  } catch (error) {
    throw new LocalKeysError(`${path} is not JSON`, { cause: error });
  }
  return {
    masterKey: decodeKey(json.masterKey, path, 'masterKey'),
    indexKey: decodeKey(json.indexKey, path, 'indexKey'),
  };
};

const decodeKey = (value: unknown, path: string, name: string): Buffer => {
  const key = typeof value === 'string' ? Buffer.from(value, 'base64url') : Buffer.alloc(0);
  if (key.length !== KEY_BYTES) throw new LocalKeysError(`${path}: ${name} must be 32 bytes, base64url`);
  return key;
};

const createOnce = async (path: string): Promise<void> => {
  const content = `${JSON.stringify(
    {
      version: 1,
      masterKey: randomBytes(KEY_BYTES).toString('base64url'),
      indexKey: randomBytes(KEY_BYTES).toString('base64url'),
      createdAt: new Date().toISOString(),
    },
    null,
    2,
  )}\n`;
  const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  try {
    await mkdir(join(path, '..'), { recursive: true, mode: 0o700 });
    const handle = await open(temporary, 'wx', 0o600);
    try {
      await handle.writeFile(content, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await link(temporary, path).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    });
  } catch (error) {
    throw new LocalKeysError(`cannot create ${path}: ${(error as Error).message}`, { cause: error });
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
};
