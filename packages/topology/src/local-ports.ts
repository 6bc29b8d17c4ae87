/**
 * Fixed, documented loopback ports of `npm start`, each overridable by its environment variable.
 * Port 0 asks the operating system for a free port (what the tests do).
 */
export interface LocalService {
  readonly name: string;
  readonly defaultPort: number;
  readonly environmentVariable: string;
}

export const LOCAL_SERVICES = {
  identity: { name: 'identity', defaultPort: 4000, environmentVariable: 'IDENTITY_PORT' },
  socialSecurityPortal: {
    name: 'social-security portal',
    defaultPort: 4001,
    environmentVariable: 'SOCIAL_SECURITY_PORT',
  },
  housingFundPortal: { name: 'housing-fund portal', defaultPort: 4002, environmentVariable: 'HOUSING_FUND_PORT' },
  payments: { name: 'payments', defaultPort: 4100, environmentVariable: 'PAYMENTS_PORT' },
  dynamodb: { name: 'dynamodb', defaultPort: 4300, environmentVariable: 'DYNAMODB_PORT' },
} as const satisfies Record<string, LocalService>;

export class InvalidPortError extends Error {
  constructor(variable: string, value: string) {
    super(`${variable}="${value}" is not a port number. Use an integer from 0 to 65535 (0 picks a free port).`);
    this.name = 'InvalidPortError';
  }
}

export const portOf = (service: LocalService, env: NodeJS.ProcessEnv = process.env): number => {
  const raw = env[service.environmentVariable];
  if (raw === undefined || raw === '') return service.defaultPort;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new InvalidPortError(service.environmentVariable, raw);
  return port;
};
