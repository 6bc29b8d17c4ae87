import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: topology paths (function entries) are relative to it, and npm's lock file lives there. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const fromRepoRoot = (relativePath: string): string => resolve(REPO_ROOT, relativePath);

export const ROOT_LOCK_FILE = fromRepoRoot('package-lock.json');
