import { parseArgs } from 'node:util';

export const USAGE = `Usage: npm run finance -- officer <command>

  officer grant  --id-number <citizen ID> --name <name> --region <6-digit code> --role <role> [--role <role>]
  officer revoke --id-number <citizen ID>
  officer find   --id-number <citizen ID>
  officer list

Roles: refund_approver, reconciler. Officers are found by the blind index of their ID number; nothing is kept or
printed in clear. Works on the local platform of \`npm start\`, or on a deployed stage when PAYMENTS_TABLE and
PAYMENTS_SECRETS_ID are set (AWS credentials from the usual chain).`;

export type OfficerCommand =
  | {
      readonly name: 'grant';
      readonly idNumber: string;
      readonly personName: string;
      readonly region: string;
      readonly roles: string[];
    }
  | { readonly name: 'revoke' | 'find'; readonly idNumber: string }
  | { readonly name: 'list' }
  | 'help';

export class FinanceCliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'FinanceCliError';
  }
}

const required = (value: string | undefined, option: string): string => {
  if (value === undefined || value === '') throw new FinanceCliError(`--${option} is required.\n\n${USAGE}`);
  return value;
};

export const parseOfficerCommandLine = (argv: readonly string[]): OfficerCommand => {
  const { values, positionals } = parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      'id-number': { type: 'string' },
      name: { type: 'string' },
      region: { type: 'string' },
      role: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [noun, verb] = positionals;
  if (values.help || noun === undefined || noun === 'help') return 'help';
  if (noun !== 'officer') throw new FinanceCliError(`unknown command "${noun}".\n\n${USAGE}`);
  switch (verb) {
    case 'grant':
      return {
        name: 'grant',
        idNumber: required(values['id-number'], 'id-number'),
        personName: required(values.name, 'name'),
        region: required(values.region, 'region'),
        roles: values.role ?? [],
      };
    case 'revoke':
    case 'find':
      return { name: verb, idNumber: required(values['id-number'], 'id-number') };
    case 'list':
      return { name: 'list' };
    default:
      throw new FinanceCliError(`unknown officer command "${verb ?? ''}".\n\n${USAGE}`);
  }
};
