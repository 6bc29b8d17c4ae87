import { randomBytes } from 'node:crypto';
import { link, mkdir, readFile, unlink, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { readJsonSecret } from '@platform/aws-json';

/**
 * The provider's symmetric secrets, each 32 random bytes (base64url), each for one purpose so that one leaking does
 * not weaken the others.
 */
export interface IdentitySecrets {
  /** Keys the blind index of phone numbers in the SMS code store. */
  readonly otpBlindIndexKey: string;
  /** Keys the hashes of SMS codes (and the sealing of the number inside a code challenge). */
  readonly otpCodeHashKey: string;
  /** Salt of pairwise subject identifiers: stable for the life of the platform, or every pairwise `sub` changes. */
  readonly pairwiseSalt: string;
  /** Keys the blind indexes of personal data (deployed; locally the vault keeps its own key file). */
  readonly personalDataIndexKey: string;
}

const NAMES = ['otpBlindIndexKey', 'otpCodeHashKey', 'pairwiseSalt', 'personalDataIndexKey'] as const;

export class IdentitySecretsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'IdentitySecretsError';
  }
}

const parse = (raw: string, where: string): IdentitySecrets => {
  const value = JSON.parse(raw) as Record<string, unknown>;
  for (const name of NAMES) {
    if (typeof value[name] !== 'string' || Buffer.from(value[name] as string, 'base64url').length < 32) {
      throw new IdentitySecretsError(`${where}: "${name}" must be at least 32 bytes, base64url`);
    }
  }
  return value as unknown as IdentitySecrets;
};

/**
 * Deployed: the JSON secret `IDENTITY_SECRETS_ID` in Secrets Manager (created by an operator, never by the stack).
 * Local: `<state dir>/keys/identity-secrets.json`, created on first use with owner-only permissions.
 */
export const loadIdentitySecrets = async (env: NodeJS.ProcessEnv): Promise<IdentitySecrets> => {
  const secretId = env.IDENTITY_SECRETS_ID;
  if (secretId) return parse(JSON.stringify(await readJsonSecret(secretId)), `secret ${secretId}`);
  if (!env.LOCAL_STATE_DIR) {
    throw new IdentitySecretsError('set IDENTITY_SECRETS_ID (deployed) or LOCAL_STATE_DIR (local run)');
  }
  const path = join(env.LOCAL_STATE_DIR, 'keys', 'identity-secrets.json');
  try {
    return parse(await readFile(path, 'utf8'), path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    const fresh = Object.fromEntries(NAMES.map((name) => [name, randomBytes(32).toString('base64url')]));
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    // Written whole to a private temporary file, then linked into place: a concurrent reader sees no file or a
    // complete one, and if another function created it first, `link` fails and theirs is used.
    const temporary = `${path}.${randomBytes(6).toString('hex')}.tmp`;
    await writeFile(temporary, JSON.stringify(fresh, null, 2), { flag: 'wx', mode: 0o600 });
    await link(temporary, path).catch((failure: NodeJS.ErrnoException) => {
      if (failure.code !== 'EEXIST') throw failure;
    });
    await unlink(temporary);
    return parse(await readFile(path, 'utf8'), path);
  }
};
