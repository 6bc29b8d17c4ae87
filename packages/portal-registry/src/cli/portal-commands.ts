import { readFileSync } from 'node:fs';
import type { RegisteredPortal } from '../portal.ts';
import type { PortalRegistry } from '../portal-registry.ts';
import { RegistrationError } from '../registration-error.ts';
import { CliError } from './cli-error.ts';
import type { PortalCommand } from './command-line.ts';
import { formatHistory, formatIssuedSecret, formatPortalTable } from './portal-output.ts';

const readJsonFile = (file: string): unknown => {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(`cannot read ${file}: ${code === 'ENOENT' ? 'no such file' : (error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${file} is not valid JSON: ${(error as Error).message}`);
  }
};

const listAll = async (registry: PortalRegistry, command: PortalCommand): Promise<RegisteredPortal[]> => {
  const all: RegisteredPortal[] = [];
  let cursor: string | undefined;
  do {
    const page = await registry.list({
      limit: 100,
      ...(command.kind ? { kind: command.kind } : {}),
      ...(cursor ? { cursor } : {}),
    });
    all.push(...page.items);
    cursor = page.cursor;
  } while (cursor);
  return all;
};

const label = (portal: RegisteredPortal): string => `${portal.registration.kind} ${portal.registration.clientId}`;

/** Runs one command against the registry and returns what to print on stdout. */
export const runPortalCommand = async (registry: PortalRegistry, command: PortalCommand): Promise<string> => {
  const context = {
    by: command.by ?? '',
    ...(command.expectedVersion ? { expectedVersion: command.expectedVersion } : {}),
  };
  const clientId = command.clientId ?? '';
  switch (command.name) {
    case 'register': {
      const { portal, clientSecret } = await registry.register(readJsonFile(command.file ?? ''), context);
      const lines = [`Registered ${label(portal)} (version ${portal.version}, ${portal.status}).`];
      if (clientSecret) lines.push(formatIssuedSecret(clientSecret));
      return lines.join('\n');
    }
    case 'list': {
      const portals = await listAll(registry, command);
      return command.json ? JSON.stringify(portals, null, 2) : formatPortalTable(portals);
    }
    case 'show': {
      const portal = await registry.get(clientId);
      if (!portal) throw new RegistrationError('not_found', `no portal or department "${clientId}"`, 'clientId');
      return JSON.stringify(portal, null, 2);
    }
    case 'update': {
      const { portal, clientSecret, changes } = await registry.update(
        clientId,
        readJsonFile(command.file ?? ''),
        context,
      );
      const lines = [`Updated ${label(portal)} to version ${portal.version}: ${Object.keys(changes).join(', ')}.`];
      if (clientSecret) lines.push(formatIssuedSecret(clientSecret));
      return lines.join('\n');
    }
    case 'disable': {
      const portal = await registry.disable(clientId, context);
      return `Disabled ${label(portal)} (version ${portal.version}); the provider no longer accepts it.`;
    }
    case 'enable': {
      const portal = await registry.enable(clientId, context);
      return `Enabled ${label(portal)} (version ${portal.version}).`;
    }
    case 'history': {
      if (!(await registry.get(clientId)))
        throw new RegistrationError('not_found', `no portal or department "${clientId}"`, 'clientId');
      const changes = await registry.history(clientId);
      return command.json ? JSON.stringify(changes, null, 2) : formatHistory(changes);
    }
  }
};
