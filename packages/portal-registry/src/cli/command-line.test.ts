import { describe, expect, it } from 'vitest';
import { CliError } from './cli-error.ts';
import { parseCommandLine } from './command-line.ts';

const env = { USER: 'alice' };

describe('parseCommandLine', () => {
  it('reads each command with its options', () => {
    expect(parseCommandLine(['portal', 'register', '--file', 'p.json', '--by', 'bob'], env)).toEqual({
      name: 'register',
      file: 'p.json',
      by: 'bob',
      json: false,
    });
    expect(parseCommandLine(['portal', 'list', '--kind', 'department', '--json'], env)).toEqual({
      name: 'list',
      kind: 'department',
      json: true,
      by: 'alice',
    });
    expect(
      parseCommandLine(['portal', 'update', 'a-portal', '-f', 'x.json', '--expected-version', '3'], env),
    ).toMatchObject({
      name: 'update',
      clientId: 'a-portal',
      expectedVersion: 3,
    });
    expect(parseCommandLine(['portal', 'disable', 'a-portal'], env)).toMatchObject({
      name: 'disable',
      clientId: 'a-portal',
    });
  });

  it('answers help for --help or no arguments', () => {
    expect(parseCommandLine([], env)).toBe('help');
    expect(parseCommandLine(['portal', 'list', '--help'], env)).toBe('help');
  });

  it.each([
    [['portals', 'list']],
    [['portal', 'remove', 'x']],
    [['portal', 'show']],
    [['portal', 'list', 'extra']],
    [['portal', 'register']],
    [['portal', 'list', '--kind', 'app']],
    [['portal', 'update', 'x', '--file', 'p.json', '--expected-version', 'two']],
    [['portal', 'list', '--colour']],
  ])('refuses %j with a CliError', (args) => {
    expect(() => parseCommandLine(args, env)).toThrow(CliError);
  });

  it('needs to know who makes the change', () => {
    expect(() => parseCommandLine(['portal', 'disable', 'x'], {})).toThrow(/--by/);
    expect(parseCommandLine(['portal', 'disable', 'x', '--by', 'carol'], {})).toMatchObject({ by: 'carol' });
    expect(parseCommandLine(['portal', 'list'], {})).toEqual({ name: 'list', json: false });
  });
});
