import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createKeySet } from './create-key-set.ts';
import { KeySetError, KeySetNotFoundError } from './errors.ts';
import { keySetStoreFromEnvironment } from './key-set-store-from-environment.ts';
import { summariseKeySet } from './key-set-summary.ts';
import { rotateKeySet } from './rotate-key-set.ts';

const DEFAULT_RETENTION_SECONDS = 86_400;
const DEFAULT_MINIMUM_NEXT_AGE_SECONDS = 3_600;

const USAGE = `Usage: keys <command> [options]

  show      kids, algorithms, states and ages of the identity provider's keys (never private material)
  init      create the first key set if the store has none
  rotate    next → current, current → retired, fresh next keys, a new cookie key
    --retention-seconds N      keep retired keys published N s (default ${DEFAULT_RETENTION_SECONDS});
                               must be ≥ the longest ID / access / logout token lifetime
    --min-next-age-seconds N   refuse unless the next keys were published ≥ N s ago (default ${DEFAULT_MINIMUM_NEXT_AGE_SECONDS})

Store: KEY_SET_SECRET_ID set → that AWS Secrets Manager secret (region and credentials from the AWS environment);
otherwise the file \${LOCAL_STATE_DIR:-.local}/keys/identity-key-set.json, created on first use.`;

const repositoryRoot = resolve(import.meta.dirname, '../../..');

const fail = (message: string): never => {
  process.stderr.write(`error: ${message}\n`);
  process.exit(1);
};

const parseSeconds = (name: string, value: string | undefined, fallback: number): number => {
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value)) return fail(`--${name} must be a whole number of seconds`);
  return Number(value);
};

const main = async () => {
  let parsed: ReturnType<typeof parseCommandLine>;
  try {
    parsed = parseCommandLine();
  } catch (error) {
    return fail(`${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (values.help) return void process.stdout.write(`${USAGE}\n`);
  const [command, ...extra] = positionals;
  if (extra.length > 0) return fail(`unexpected argument ${extra[0]}`);
  const rotationOption = Object.keys(values).find((name) => name !== 'help');
  if (command !== 'rotate' && rotationOption) return fail(`--${rotationOption} applies to rotate only`);

  const { store, description } = keySetStoreFromEnvironment(process.env, repositoryRoot);
  const now = new Date();
  switch (command) {
    case 'show': {
      const set = await store.load();
      process.stdout.write(`${[`Key set in ${description}`, ...summariseKeySet(set, now)].join('\n')}\n`);
      return;
    }
    case 'init': {
      try {
        await store.load();
        process.stdout.write(`Key set ready in ${description}.\n`);
      } catch (error) {
        if (!(error instanceof KeySetNotFoundError)) throw error;
        await store.save(await createKeySet(now));
        process.stdout.write(`Created the first key set in ${description}.\n`);
      }
      return;
    }
    case 'rotate': {
      const retentionSeconds = parseSeconds(
        'retention-seconds',
        values['retention-seconds'],
        DEFAULT_RETENTION_SECONDS,
      );
      const minimumNextAgeSeconds = parseSeconds(
        'min-next-age-seconds',
        values['min-next-age-seconds'],
        DEFAULT_MINIMUM_NEXT_AGE_SECONDS,
      );
      const { set, version } = await store.loadVersioned();
      const rotated = await rotateKeySet(set, now, { retentionSeconds, minimumNextAgeSeconds });
      await store.save(rotated, version);
      const lines = [`Rotated the key set in ${description}.`, ...summariseKeySet(rotated, now)];
      process.stdout.write(`${lines.join('\n')}\n`);
      return;
    }
    default:
      return fail(command === undefined ? `a command is required\n${USAGE}` : `unknown command ${command}\n${USAGE}`);
  }
};

const parseCommandLine = () =>
  parseArgs({
    allowPositionals: true,
    options: {
      'retention-seconds': { type: 'string' },
      'min-next-age-seconds': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });

try {
  await main();
} catch (error) {
  // Known failures are one line; anything else is a bug and keeps its stack.
  if (error instanceof KeySetError || error instanceof RangeError) fail(error.message);
  throw error;
}
