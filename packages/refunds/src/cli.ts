import { resolve } from 'node:path';
import { createDocumentClient, StorageUnavailableError } from '@platform/dynamodb';
import { type FinanceTarget, resolveFinanceTarget } from './cli/finance-target.ts';
import { FinanceCliError, type OfficerCommand, parseOfficerCommandLine, USAGE } from './cli/officer-command-line.ts';
import { officerLine } from './cli/officer-output.ts';
import { FinanceOfficerRegistry } from './finance-officer-registry.ts';
import { RefundError } from './refund-errors.ts';

/**
 * The finance bureau's operator CLI: `npm run finance -- officer grant|revoke|find|list`. Every failure a person can
 * act on is one line on stderr, `error: …`, and exit status 1; ID numbers and names are never echoed in clear.
 */
const repositoryRoot = resolve(import.meta.dirname, '../../..');

const run = async (registry: FinanceOfficerRegistry, command: Exclude<OfficerCommand, 'help'>): Promise<string> => {
  switch (command.name) {
    case 'grant':
      return `granted: ${officerLine(
        await registry.grant({
          idNumber: command.idNumber,
          name: command.personName,
          regionCode: command.region,
          roles: command.roles,
        }),
      )}`;
    case 'revoke':
      return `revoked: ${officerLine(await registry.revoke(command.idNumber))}`;
    case 'find': {
      const officer = await registry.findByIdNumber(command.idNumber);
      if (!officer) throw new RefundError('officer_not_found', { field: 'idNumber' });
      return officerLine(officer);
    }
    case 'list': {
      const officers = await registry.list();
      return officers.length === 0 ? '(no finance officers)' : officers.map(officerLine).join('\n');
    }
  }
};

const main = async (): Promise<number> => {
  let target: FinanceTarget | undefined;
  try {
    const command = parseOfficerCommandLine(process.argv.slice(2));
    if (command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    target = await resolveFinanceTarget(process.env, repositoryRoot);
    const registry = new FinanceOfficerRegistry({
      documents: createDocumentClient(target.clientEnv),
      tableName: target.tableName,
      officerIndex: target.officerIndex,
    });
    process.stdout.write(`${await run(registry, command)}\n`);
    return 0;
  } catch (error) {
    const where = target ? ` (${target.description})` : '';
    if (error instanceof FinanceCliError) process.stderr.write(`error: ${error.message}\n`);
    else if (error instanceof RefundError) process.stderr.write(`error: ${error.message} [${error.code}]\n`);
    else if (error instanceof StorageUnavailableError) process.stderr.write(`error: DynamoDB did not answer${where}\n`);
    else if (error instanceof TypeError && (error as NodeJS.ErrnoException).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION')
      process.stderr.write(`error: ${error.message}\n\n${USAGE}\n`);
    else {
      process.stderr.write(`error: unexpected failure: ${(error as Error)?.message ?? String(error)}\n`);
      if (process.env.DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
    }
    return 1;
  }
};

process.exitCode = await main();
