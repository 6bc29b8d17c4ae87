import { parseArgs } from 'node:util';
import type { ClientKind } from '../portal.ts';
import { CliError } from './cli-error.ts';

export const USAGE = `Usage: npm run admin -- portal <command> [options]

Registry of portals and departments (the identity provider's OIDC clients).
  portal register --file portal.json     register a portal or department (prints a client secret once if it has one)
  portal list [--kind portal|department] [--json]
  portal show <clientId>                 the registration as stored (never the secret)
  portal update <clientId> --file patch.json [--expected-version N]
                                         change fields; a field set to null is removed
  portal disable <clientId>              the provider stops accepting the client at once
  portal enable <clientId>
  portal history <clientId>              the change log: who changed what, when

Options: --by NAME (who makes the change; default $USER), --expected-version N (refuse if the client changed).
Target: the local platform of \`npm start\` (.local/endpoints.json, or LOCAL_STATE_DIR), or a deployed stage
with IDENTITY_TABLE set and AWS credentials from the usual SDK chain. See packages/portal-registry/README.md.`;

const COMMANDS = ['register', 'list', 'show', 'update', 'disable', 'enable', 'history'] as const;
export type PortalCommandName = (typeof COMMANDS)[number];

export interface PortalCommand {
  readonly name: PortalCommandName;
  readonly clientId?: string;
  readonly file?: string;
  /** Who makes the change; only commands that change something need it. */
  readonly by?: string;
  readonly kind?: ClientKind;
  readonly json: boolean;
  readonly expectedVersion?: number;
}

const NEEDS_CLIENT_ID: ReadonlySet<PortalCommandName> = new Set(['show', 'update', 'disable', 'enable', 'history']);
const NEEDS_FILE: ReadonlySet<PortalCommandName> = new Set(['register', 'update']);
const CHANGES: ReadonlySet<PortalCommandName> = new Set(['register', 'update', 'disable', 'enable']);

/** Reads the command line into one command, or `'help'`; anything malformed is a `CliError` that says what to fix. */
export const parseCommandLine = (args: readonly string[], env: NodeJS.ProcessEnv): PortalCommand | 'help' => {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new CliError(`${(error as Error).message} (run with --help)`);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) return 'help';
  const [group, name, clientId, ...extra] = positionals;
  if (group !== 'portal')
    throw new CliError(`unknown command "${group}"; the commands are "portal …" (run with --help)`);
  if (!COMMANDS.includes(name as PortalCommandName))
    throw new CliError(`unknown portal command "${name ?? ''}"; one of ${COMMANDS.join(', ')} (run with --help)`);
  const command = name as PortalCommandName;
  if (NEEDS_CLIENT_ID.has(command) && !clientId) throw new CliError(`portal ${command} needs a client id`);
  if ((!NEEDS_CLIENT_ID.has(command) && clientId !== undefined) || extra.length > 0)
    throw new CliError(`unexpected argument "${extra[0] ?? clientId}" for portal ${command}`);
  if (NEEDS_FILE.has(command) && !values.file) throw new CliError(`portal ${command} needs --file <file.json>`);
  if (values.kind !== undefined && values.kind !== 'portal' && values.kind !== 'department')
    throw new CliError('--kind must be "portal" or "department"');
  let expectedVersion: number | undefined;
  if (values['expected-version'] !== undefined) {
    expectedVersion = Number(values['expected-version']);
    if (!Number.isInteger(expectedVersion) || expectedVersion < 1)
      throw new CliError('--expected-version must be a positive integer');
  }
  const by = values.by ?? env.USER ?? env.USERNAME ?? '';
  if (CHANGES.has(command) && by.trim().length === 0)
    throw new CliError(`portal ${command} records who made the change: say who you are with --by NAME (or set USER)`);
  return {
    name: command,
    ...(by ? { by } : {}),
    json: values.json ?? false,
    ...(clientId ? { clientId } : {}),
    ...(values.file ? { file: values.file } : {}),
    ...(values.kind ? { kind: values.kind as ClientKind } : {}),
    ...(expectedVersion ? { expectedVersion } : {}),
  };
};

const parse = (args: readonly string[]) =>
  parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      file: { type: 'string', short: 'f' },
      by: { type: 'string' },
      kind: { type: 'string' },
      json: { type: 'boolean' },
      'expected-version': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
