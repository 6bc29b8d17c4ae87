import { createHash, randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { dirname } from 'node:path';
import { createKeySet } from './create-key-set.ts';
import { KeySetConflictError, KeySetInvalidError, KeySetStoreError } from './errors.ts';
import type { KeySet } from './key-set.ts';
import type { KeySetStore, VersionedKeySet } from './key-set-store.ts';
import { parseKeySet } from './parse-key-set.ts';

/**
 * The key set in a local JSON file (mode 0600, folder 0700), for `npm start` and tests. Writes are atomic
 * (temporary file + rename), so a crash never leaves half a key set. The version check in `save` is
 * read-compare-rename: enough for one machine's operator, not a lock.
 */
export class FileKeySetStore implements KeySetStore {
  readonly #path: string;
  readonly #now: () => Date;

  constructor(path: string, options: { now?: () => Date } = {}) {
    this.#path = path;
    this.#now = options.now ?? (() => new Date());
  }

  async load(): Promise<KeySet> {
    return (await this.loadVersioned()).set;
  }

  async loadVersioned(): Promise<VersionedKeySet> {
    const existing = await this.#read();
    if (existing !== undefined) return existing;
    await this.#createOnce(await createKeySet(this.#now()));
    const created = await this.#read();
    if (created === undefined) throw new KeySetStoreError(`${this.#path} vanished right after it was created`);
    return created;
  }

  async save(set: KeySet, expectedVersion?: string): Promise<string> {
    const content = serialise(set);
    if (expectedVersion !== undefined) {
      const stored = await this.#read();
      if (stored?.version !== expectedVersion) {
        throw new KeySetConflictError(`${this.#path} changed since it was read; load it again and retry`);
      }
    }
    const temporary = await this.#writeTemporary(content);
    await this.#attempt('write', () =>
      rename(temporary, this.#path).catch(async (error) => {
        await unlink(temporary).catch(() => undefined);
        throw error;
      }),
    );
    return versionOf(content);
  }

  async #read(): Promise<VersionedKeySet | undefined> {
    let content: string;
    try {
      content = await readFile(this.#path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new KeySetStoreError(`cannot read ${this.#path}: ${(error as Error).message}`, { cause: error });
    }
    let json: unknown;
    try {
      json = JSON.parse(content);
    } catch (error) {
      throw new KeySetInvalidError(`${this.#path} is not JSON`, { cause: error });
    }
    return { set: parseKeySet(json), version: versionOf(content) };
  }

  /** `link` fails if the file exists, so two processes starting at once agree on one key set. */
  async #createOnce(set: KeySet): Promise<void> {
    const temporary = await this.#writeTemporary(serialise(set));
    try {
      await link(temporary, this.#path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') {
        throw new KeySetStoreError(`cannot create ${this.#path}: ${(error as Error).message}`, { cause: error });
      }
    } finally {
      await unlink(temporary).catch(() => undefined);
    }
  }

  async #writeTemporary(content: string): Promise<string> {
    const temporary = `${this.#path}.${randomBytes(6).toString('hex')}.tmp`;
    await this.#attempt('write', async () => {
      await mkdir(dirname(this.#path), { recursive: true, mode: 0o700 });
      // 'wx' + 0600: a fresh file only its owner can read, never an existing one re-used.
      const handle = await open(temporary, 'wx', 0o600);
      try {
        await handle.writeFile(content, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
    });
    return temporary;
  }

  async #attempt(action: string, operation: () => Promise<unknown>): Promise<void> {
    try {
      await operation();
    } catch (error) {
      throw new KeySetStoreError(`cannot ${action} ${this.#path}: ${(error as Error).message}`, { cause: error });
    }
  }
}

const serialise = (set: KeySet): string => `${JSON.stringify(set, null, 2)}\n`;

const versionOf = (content: string): string => createHash('sha256').update(content).digest('base64url');
