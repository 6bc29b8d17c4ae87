import { resolve } from 'node:path';
import { createDocumentClient } from '@platform/dynamodb';
import { parseCommandLine, USAGE } from './cli/command-line.ts';
import { failureMessage } from './cli/failure-message.ts';
import { runPortalCommand } from './cli/portal-commands.ts';
import { type RegistryTarget, resolveRegistryTarget } from './cli/registry-target.ts';
import { PortalRegistry } from './portal-registry.ts';

/**
 * Admin CLI of the portal registry: `tsx packages/portal-registry/src/cli.ts portal <command>`.
 * Every failure a person can act on is ONE line on stderr, `error: …`, and exit status 1.
 */
const repositoryRoot = resolve(import.meta.dirname, '../../..');

const main = async (): Promise<number> => {
  let target: RegistryTarget | undefined;
  try {
    const command = parseCommandLine(process.argv.slice(2), process.env);
    if (command === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    target = resolveRegistryTarget(process.env, repositoryRoot);
    const registry = new PortalRegistry({
      documents: createDocumentClient(target.clientEnv),
      tableName: target.tableName,
    });
    process.stdout.write(`${await runPortalCommand(registry, command)}\n`);
    return 0;
  } catch (error) {
    const message = failureMessage(error, target);
    if (message === undefined) {
      process.stderr.write(`error: unexpected failure: ${(error as Error)?.message ?? String(error)}\n`);
      if (process.env.DEBUG) process.stderr.write(`${(error as Error)?.stack ?? ''}\n`);
      return 1;
    }
    process.stderr.write(`error: ${message}\n`);
    return 1;
  }
};

process.exitCode = await main();
