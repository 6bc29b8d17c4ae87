import type { BoundedContext } from './contexts.ts';
import type { TableId } from './tables.ts';

/**
 * Every Lambda function and the HTTP routes it serves. The CDK stacks deploy exactly these functions behind these
 * routes, and the local runtime serves exactly these routes with the same handler modules: there is no second
 * implementation of any route.
 */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD' | 'OPTIONS' | 'ANY';

export interface RouteDefinition {
  readonly method: HttpMethod;
  /** API Gateway path syntax: `/health`, `/v1/notices/{id}`, `/{proxy+}`. */
  readonly path: string;
}

export interface FunctionDefinition {
  /** Stable logical id, unique across the platform. */
  readonly id: string;
  readonly context: BoundedContext;
  readonly description: string;
  /** Handler module, relative to the repository root. It exports `handler`. */
  readonly entry: string;
  readonly routes: readonly RouteDefinition[];
  readonly tables: readonly { readonly table: TableId; readonly access: 'read' | 'readWrite' }[];
  readonly memorySize?: number;
  readonly timeoutSeconds?: number;
  /** Runs on a schedule (EventBridge in AWS, a timer in the local runtime) instead of, or besides, routes. */
  readonly schedule?: { readonly everyMinutes: number };
  /** Extra environment variables, fixed per function (never secrets). */
  readonly environment?: Readonly<Record<string, string>>;
}

export const FUNCTIONS = [
  {
    id: 'identity-health',
    context: 'identity',
    description: 'Liveness and storage round trip of the identity context',
    entry: 'functions/health/src/handler.ts',
    routes: [{ method: 'GET', path: '/health' }],
    tables: [{ table: 'identity', access: 'read' }],
    environment: { HEALTH_CONTEXT: 'identity', HEALTH_TABLE_VARIABLE: 'IDENTITY_TABLE' },
  },
  {
    id: 'identity-provider',
    context: 'identity',
    description: 'OpenID Connect provider: every protocol endpoint and the sign-in, consent and logout pages',
    entry: 'functions/identity-provider/src/handler.ts',
    routes: [
      { method: 'ANY', path: '/' },
      { method: 'ANY', path: '/{proxy+}' },
    ],
    tables: [{ table: 'identity', access: 'readWrite' }],
    memorySize: 1024,
    timeoutSeconds: 15,
  },
  {
    id: 'identity-logout-retry',
    context: 'identity',
    description: 'Retries back-channel logouts that portals did not accept, with backoff',
    entry: 'functions/identity-provider/src/logout-retry-handler.ts',
    routes: [],
    schedule: { everyMinutes: 1 },
    tables: [{ table: 'identity', access: 'readWrite' }],
    memorySize: 512,
    timeoutSeconds: 50,
  },
  {
    id: 'payments-health',
    context: 'payments',
    description: 'Liveness and storage round trip of the payments context',
    entry: 'functions/health/src/handler.ts',
    routes: [{ method: 'GET', path: '/health' }],
    tables: [{ table: 'payments', access: 'read' }],
    environment: { HEALTH_CONTEXT: 'payments', HEALTH_TABLE_VARIABLE: 'PAYMENTS_TABLE' },
  },
  {
    id: 'payments-api',
    context: 'payments',
    description: 'Payments API of collecting departments: issue, read, list and cancel payment notices',
    entry: 'functions/payments-api/src/handler.ts',
    routes: [
      { method: 'GET', path: '/v1/openapi.json' },
      { method: 'POST', path: '/v1/notices' },
      { method: 'GET', path: '/v1/notices' },
      { method: 'GET', path: '/v1/notices/{id}' },
      { method: 'POST', path: '/v1/notices/{id}/cancel' },
    ],
    tables: [{ table: 'payments', access: 'readWrite' }],
    memorySize: 512,
    timeoutSeconds: 10,
  },
  {
    id: 'payments-checkout',
    context: 'payments',
    description:
      'Cashier for payers by payment code: the pay page, starting a channel payment, the return page, and the channels’ notifications',
    entry: 'functions/payments-checkout/src/handler.ts',
    routes: [
      { method: 'GET', path: '/pay/{paymentCode}' },
      { method: 'POST', path: '/pay/{paymentCode}/{channel}' },
      { method: 'GET', path: '/pay/{paymentCode}/return' },
      { method: 'POST', path: '/v1/channels/{channel}/notifications' },
    ],
    tables: [{ table: 'payments', access: 'readWrite' }],
    memorySize: 512,
    timeoutSeconds: 15,
  },
] as const satisfies readonly FunctionDefinition[];

export const functionsOf = (context: BoundedContext): FunctionDefinition[] =>
  FUNCTIONS.filter((fn) => fn.context === context);
