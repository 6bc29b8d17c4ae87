import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repositoryRoot = resolve(import.meta.dirname, '../../..');
const tsx = join(repositoryRoot, 'node_modules', '.bin', 'tsx');
const cli = join(import.meta.dirname, 'cli.ts');

describe('keys CLI (local file store)', () => {
  let stateDir: string;
  beforeAll(async () => {
    stateDir = await mkdtemp(join(tmpdir(), 'keys-cli-'));
  });
  afterAll(() => rm(stateDir, { recursive: true, force: true }));

  const run = async (...args: string[]) => {
    const env = { ...process.env, LOCAL_STATE_DIR: stateDir, KEY_SET_SECRET_ID: '' };
    try {
      const { stdout, stderr } = await promisify(execFile)(tsx, [cli, ...args], { env, cwd: repositoryRoot });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const { code, stdout, stderr } = error as { code: number; stdout: string; stderr: string };
      return { code, stdout, stderr };
    }
  };
  const file = () => join(stateDir, 'keys', 'identity-key-set.json');

  it('show creates the local key set and prints kids and states, never private material', async () => {
    const { code, stdout } = await run('show');
    expect(code).toBe(0);
    expect(stdout).toContain(`Key set in file ${file()}`);
    expect(stdout.match(/^(ES256|RS256)\s+(current|next)\s/gm)).toHaveLength(4);
    const stored = JSON.parse(await readFile(file(), 'utf8')) as { keys: { privateJwk: { d: string } }[] };
    for (const key of stored.keys) expect(stdout).not.toContain(key.privateJwk.d);
  });

  it('rotate refuses a next key published less than an hour ago, in one error line', async () => {
    const { code, stderr } = await run('rotate');
    expect(code).toBe(1);
    expect(stderr).toMatch(
      /^error: the next (ES256|RS256) key \S+ has been published for \d+ s, less than the 3600 s required/,
    );
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('rotate --min-next-age-seconds 0 rotates', async () => {
    const before = await readFile(file(), 'utf8');
    const { code, stdout } = await run('rotate', '--min-next-age-seconds', '0', '--retention-seconds', '7200');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Rotated the key set/);
    expect(stdout.match(/^(ES256|RS256)\s+retired\s/gm)).toHaveLength(2);
    expect(await readFile(file(), 'utf8')).not.toBe(before);
  });

  it.each([
    [['frobnicate'], /^error: unknown command frobnicate/],
    [[], /^error: a command is required/],
    [['rotate', '--retention-seconds', 'soon'], /^error: --retention-seconds must be a whole number of seconds$/m],
    [['show', '--retention-seconds', '60'], /^error: --retention-seconds applies to rotate only$/m],
    [['show', '--force'], /^error: Unknown option '--force'/],
  ])('%j fails with exit 1 and an error: line', async (args, message) => {
    const { code, stderr } = await run(...args);
    expect(code).toBe(1);
    expect(stderr).toMatch(message);
  });
});
