import type { BoundedContext } from './contexts.ts';
import type { QueueTrigger } from './queues.ts';
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

/**
 * Every N minutes, or once a day at a fixed UTC time (an EventBridge `cron(minute hour * * ? *)`): business times in
 * China are UTC+8 all year, so 06:00 Asia/Shanghai is `{ cron: { hour: 22, minute: 0 } }`.
 */
export type FunctionSchedule =
  | { readonly everyMinutes: number; readonly cron?: undefined }
  | { readonly cron: { readonly hour: number; readonly minute: number }; readonly everyMinutes?: undefined };

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
  readonly schedule?: FunctionSchedule;
  /** Consumes a queue of `queues.ts` (Lambda event source with partial batch responses; the local poller). */
  readonly queue?: QueueTrigger;
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
    id: 'identity-payment-account',
    context: 'identity',
    description:
      'Back from Alipay: exchanges the code with alipay-sdk and matches the account for the step-up (kept out of the provider)',
    entry: 'functions/identity-provider/src/payment-account-handler.ts',
    // More specific than the provider's `/{proxy+}`, so API Gateway (and the local runtime) route it here.
    routes: [{ method: 'GET', path: '/interaction/{uid}/alipay-return' }],
    tables: [{ table: 'identity', access: 'readWrite' }],
    memorySize: 512,
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
      { method: 'POST', path: '/v1/notices/{id}/refunds' },
      { method: 'GET', path: '/v1/notices/{id}/refunds' },
      { method: 'GET', path: '/v1/refunds/{refundId}' },
      { method: 'POST', path: '/v1/webhook-endpoints' },
      { method: 'GET', path: '/v1/webhook-endpoints' },
      { method: 'DELETE', path: '/v1/webhook-endpoints/{id}' },
      { method: 'GET', path: '/v1/webhook-deliveries' },
      { method: 'POST', path: '/v1/webhook-deliveries/{id}/replay' },
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
      { method: 'GET', path: '/my' },
      { method: 'GET', path: '/my/sign-in' },
      { method: 'GET', path: '/my/callback' },
      { method: 'POST', path: '/my/sign-out' },
    ],
    tables: [{ table: 'payments', access: 'readWrite' }],
    memorySize: 512,
    timeoutSeconds: 15,
  },
  {
    id: 'payments-receipts',
    context: 'payments',
    description:
      'Electronic fiscal receipts: the receipt page and PDF (number + verification code), the public verification page and API, the receipt JWKS',
    entry: 'functions/payments-receipts/src/handler.ts',
    routes: [
      { method: 'GET', path: '/receipts/verify' },
      { method: 'GET', path: '/receipts/{receiptNumber}' },
      { method: 'GET', path: '/receipts/{receiptNumber}/pdf' },
      { method: 'POST', path: '/v1/receipts/verifications' },
      { method: 'GET', path: '/v1/receipts/keys' },
    ],
    // Reads and verifies only; receipts are issued and credited by the payment and refund flows.
    tables: [{ table: 'payments', access: 'read' }],
    memorySize: 512,
    timeoutSeconds: 10,
  },
  {
    id: 'payments-sweeper',
    context: 'payments',
    description:
      'Truth by query: finds channel payments whose notification never came, applies them, and closes unpaid orders (expiring their notices) at the due instant',
    entry: 'functions/payments-sweeper/src/handler.ts',
    routes: [],
    schedule: { everyMinutes: 5 },
    tables: [{ table: 'payments', access: 'readWrite' }],
    memorySize: 512,
    // Up to 8 × 50 orders, four at a time, each one or two channel calls with a 5 s timeout.
    timeoutSeconds: 120,
  },
  {
    id: 'payments-refunds',
    context: 'payments',
    description:
      'Refunds left approved or executing (a crash, a timeout, a channel down) carried on with the same refund number, and failed refund hooks run again',
    entry: 'functions/payments-refunds/src/handler.ts',
    routes: [],
    schedule: { everyMinutes: 2 },
    tables: [{ table: 'payments', access: 'readWrite' }],
    memorySize: 512,
    // Usually a handful of refunds, one at a time, each a channel call or two (5 s timeout) and a few 1 s queries; a run
    // cut short leaves the rest claimed-but-stale, and the next run takes them over.
    timeoutSeconds: 300,
  },
  {
    id: 'payments-reconciliation',
    context: 'payments',
    description:
      'Daily reconciliation: at 06:00 Asia/Shanghai, fetches the previous business day’s statement of every enabled channel, stores it and records the run',
    entry: 'functions/payments-reconciliation/src/handler.ts',
    routes: [],
    schedule: { cron: { hour: 22, minute: 0 } },
    tables: [{ table: 'payments', access: 'readWrite' }],
    // 1M statement lines: the platform index takes about 60 MB, the heap peaks near 160 MB (see bench).
    memorySize: 1024,
    timeoutSeconds: 900,
  },
  {
    id: 'payments-finance',
    context: 'payments',
    description:
      'The finance console: signed-in finance officers see the day’s and month’s reconciliation, work discrepancies, approve or reject refunds and export reports',
    entry: 'functions/payments-finance/src/handler.ts',
    routes: [
      { method: 'GET', path: '/finance' },
      { method: 'GET', path: '/finance/month' },
      { method: 'GET', path: '/finance/discrepancies' },
      { method: 'GET', path: '/finance/discrepancies/{discrepancyId}' },
      { method: 'POST', path: '/finance/discrepancies/{discrepancyId}/{action}' },
      { method: 'GET', path: '/finance/refunds' },
      { method: 'POST', path: '/finance/refunds/{refundId}/{decision}' },
      { method: 'GET', path: '/finance/reports' },
      { method: 'GET', path: '/finance/sign-in' },
      { method: 'GET', path: '/finance/callback' },
      { method: 'POST', path: '/finance/sign-out' },
    ],
    // Discrepancy actions and refund decisions write; a second approval executes the refund through the channel.
    tables: [{ table: 'payments', access: 'readWrite' }],
    memorySize: 512,
    // A month's report reads each current run of the month; a second approval waits for the channel (5 × 1 s).
    timeoutSeconds: 29,
  },
  {
    id: 'payments-webhooks',
    context: 'payments',
    description:
      'Delivers department events as signed webhooks: fans each event out to the department’s endpoints, retries with backoff, parks the last failure',
    entry: 'functions/payments-webhooks/src/handler.ts',
    routes: [],
    queue: { queue: 'department-events', batchSize: 10 },
    tables: [{ table: 'payments', access: 'readWrite' }],
    memorySize: 512,
    // Ten messages, each fanned out to the endpoints concurrently with a 5 s timeout per POST.
    timeoutSeconds: 60,
  },
] as const satisfies readonly FunctionDefinition[];

export const functionsOf = (context: BoundedContext): FunctionDefinition[] =>
  FUNCTIONS.filter((fn) => fn.context === context);
