import { execFile } from 'node:child_process';
import { delimiter, join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * One of the repository's commands as an operator runs it (`npm run <name> -- …`): `script` (a path from the
 * repository root) through tsx, on the repository's Node 24, in `env` only. Resolves with the exit code and output
 * whatever the code.
 */
export const runCli = (script: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<CliRun> =>
  new Promise((done) => {
    execFile(
      join(root, 'node_modules/.bin/tsx'),
      [join(root, script), ...args],
      { cwd: root, env: { ...env, PATH: `${join(root, 'node_modules/.bin')}${delimiter}${process.env.PATH}` } },
      (error, stdout, stderr) => done({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
