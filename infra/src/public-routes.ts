import type { RouteDefinition } from '@platform/topology';

/**
 * Routes deliberately reachable without an API Gateway authorizer, each with the reason, which becomes the
 * AwsSolutions-APIG4 acknowledgement on that route. Keyed by function and route, so that the same path served by
 * another function is not opened by accident. A route neither listed here nor behind an authorizer fails
 * `cdk synth` (APIG4): opening a route is a decision someone writes down.
 */
export interface PublicRoute extends RouteDefinition {
  readonly functionId: string;
  readonly reason: string;
}

const HEALTH =
  'GET /health is intentionally public: a liveness probe for uptime monitors that returns no personal or business ' +
  "data. Business routes use the identity provider's tokens.";

const OPENID_PROVIDER =
  'OpenID Connect endpoints and sign-in pages are public by protocol (a browser reaches /auth before anyone is ' +
  'signed in); oidc-provider itself authenticates clients (client authentication at /token), users (interactions) ' +
  'and bearer tokens (/me), which an API Gateway authorizer can not do for it.';

const PAYMENTS_API =
  "Department access tokens are verified by the payments-api function: ES256 signature against the identity provider's " +
  'JWKS, issuer, audience, expiry and scopes, and for DPoP-bound tokens the proof (method, URL, key thumbprint, ' +
  'replay). API Gateway’s JWT authorizer accepts only Bearer tokens, so it would refuse DPoP-bound ones.';

const FINANCE_CONSOLE =
  'The finance console signs officers in itself (OpenID Connect through the platform’s identity provider, PKCE, ' +
  'private_key_jwt, sealed session cookie) and checks every request against the finance-officer registry, and ' +
  'every form against the session’s CSRF token; a browser session cookie is not something an API Gateway ' +
  'authorizer can verify. Signed out, a page shows only a sign-in link.';

const API_DESCRIPTION = 'The OpenAPI document of the payments API is public documentation; it holds no data.';

const CASHIER =
  'The cashier is public by design: payers pay a notice by its payment code without signing in. The 20-digit code ' +
  '(13 random digits and a check digit) is the capability; the pages show only masked payer details, and starting ' +
  'a payment only sends the payer to the channel for the notice’s own amount.';

const CHANNEL_NOTIFICATIONS =
  'Payment channels (sandbox, Alipay, WeChat Pay) post their asynchronous notifications here without platform ' +
  'credentials; the payments-checkout function verifies each one with the channel’s own signature (HMAC, RSA2, ' +
  'WeChat Pay v3 signature and AES-GCM) before acting, and answers forgeries with the channel’s failure answer.';

const PAYER_PAGES =
  'The payer pages sign payers in themselves, as an OpenID Connect relying party of the identity provider ' +
  '(authorization code + PKCE, private_key_jwt, ID token validated, the session in a sealed HttpOnly cookie, CSRF ' +
  'tokens on forms): signed out they show only a sign-in button, and a payer sees only notices issued to the ' +
  'identifier the provider released for them. A browser session cookie is not something an authorizer can check.';

const RECEIPTS =
  'Fiscal receipts are verifiable by anyone holding one (an employer, an auditor), who has no platform account. ' +
  'The receipt page and PDF open only with the 80-bit verification code printed on the receipt (the number alone ' +
  'shows a form, and a wrong code is answered like an unknown number); verification answers only masked data; the ' +
  'JWKS holds public keys. Nothing here writes.';

export const PUBLIC_ROUTES: readonly PublicRoute[] = [
  { functionId: 'payments-receipts', method: 'GET', path: '/receipts/verify', reason: RECEIPTS },
  { functionId: 'payments-receipts', method: 'GET', path: '/receipts/{receiptNumber}', reason: RECEIPTS },
  { functionId: 'payments-receipts', method: 'GET', path: '/receipts/{receiptNumber}/pdf', reason: RECEIPTS },
  { functionId: 'payments-receipts', method: 'POST', path: '/v1/receipts/verifications', reason: RECEIPTS },
  { functionId: 'payments-receipts', method: 'GET', path: '/v1/receipts/keys', reason: RECEIPTS },
  { functionId: 'payments-api', method: 'GET', path: '/v1/openapi.json', reason: API_DESCRIPTION },
  { functionId: 'payments-api', method: 'POST', path: '/v1/notices', reason: PAYMENTS_API },
  { functionId: 'payments-api', method: 'GET', path: '/v1/notices', reason: PAYMENTS_API },
  { functionId: 'payments-api', method: 'GET', path: '/v1/notices/{id}', reason: PAYMENTS_API },
  { functionId: 'payments-api', method: 'POST', path: '/v1/notices/{id}/cancel', reason: PAYMENTS_API },
  { functionId: 'payments-api', method: 'POST', path: '/v1/notices/{id}/refunds', reason: PAYMENTS_API },
  { functionId: 'payments-api', method: 'GET', path: '/v1/notices/{id}/refunds', reason: PAYMENTS_API },
  { functionId: 'payments-api', method: 'GET', path: '/v1/refunds/{refundId}', reason: PAYMENTS_API },
  { functionId: 'payments-api', method: 'POST', path: '/v1/webhook-endpoints', reason: PAYMENTS_API },
  { functionId: 'payments-api', method: 'GET', path: '/v1/webhook-endpoints', reason: PAYMENTS_API },
  { functionId: 'payments-api', method: 'DELETE', path: '/v1/webhook-endpoints/{id}', reason: PAYMENTS_API },
  { functionId: 'payments-api', method: 'GET', path: '/v1/webhook-deliveries', reason: PAYMENTS_API },
  { functionId: 'payments-api', method: 'POST', path: '/v1/webhook-deliveries/{id}/replay', reason: PAYMENTS_API },
  { functionId: 'payments-checkout', method: 'GET', path: '/pay/{paymentCode}', reason: CASHIER },
  { functionId: 'payments-checkout', method: 'POST', path: '/pay/{paymentCode}/{channel}', reason: CASHIER },
  { functionId: 'payments-checkout', method: 'GET', path: '/pay/{paymentCode}/return', reason: CASHIER },
  {
    functionId: 'payments-checkout',
    method: 'POST',
    path: '/v1/channels/{channel}/notifications',
    reason: CHANNEL_NOTIFICATIONS,
  },
  { functionId: 'payments-checkout', method: 'GET', path: '/my', reason: PAYER_PAGES },
  { functionId: 'payments-checkout', method: 'GET', path: '/my/sign-in', reason: PAYER_PAGES },
  { functionId: 'payments-checkout', method: 'GET', path: '/my/callback', reason: PAYER_PAGES },
  { functionId: 'payments-checkout', method: 'POST', path: '/my/sign-out', reason: PAYER_PAGES },
  { functionId: 'payments-finance', method: 'GET', path: '/finance', reason: FINANCE_CONSOLE },
  { functionId: 'payments-finance', method: 'GET', path: '/finance/month', reason: FINANCE_CONSOLE },
  { functionId: 'payments-finance', method: 'GET', path: '/finance/discrepancies', reason: FINANCE_CONSOLE },
  {
    functionId: 'payments-finance',
    method: 'GET',
    path: '/finance/discrepancies/{discrepancyId}',
    reason: FINANCE_CONSOLE,
  },
  {
    functionId: 'payments-finance',
    method: 'POST',
    path: '/finance/discrepancies/{discrepancyId}/{action}',
    reason: FINANCE_CONSOLE,
  },
  { functionId: 'payments-finance', method: 'GET', path: '/finance/refunds', reason: FINANCE_CONSOLE },
  {
    functionId: 'payments-finance',
    method: 'POST',
    path: '/finance/refunds/{refundId}/{decision}',
    reason: FINANCE_CONSOLE,
  },
  { functionId: 'payments-finance', method: 'GET', path: '/finance/reports', reason: FINANCE_CONSOLE },
  { functionId: 'payments-finance', method: 'GET', path: '/finance/sign-in', reason: FINANCE_CONSOLE },
  { functionId: 'payments-finance', method: 'GET', path: '/finance/callback', reason: FINANCE_CONSOLE },
  { functionId: 'payments-finance', method: 'POST', path: '/finance/sign-out', reason: FINANCE_CONSOLE },
  { functionId: 'identity-health', method: 'GET', path: '/health', reason: HEALTH },
  { functionId: 'payments-health', method: 'GET', path: '/health', reason: HEALTH },
  { functionId: 'identity-provider', method: 'ANY', path: '/', reason: OPENID_PROVIDER },
  { functionId: 'identity-provider', method: 'ANY', path: '/{proxy+}', reason: OPENID_PROVIDER },
  {
    functionId: 'identity-payment-account',
    method: 'GET',
    path: '/interaction/{uid}/alipay-return',
    reason: 'Alipay sends the signing-in browser back here; the single-use state binds it to its interaction',
  },
];

export const publicRouteReason = (functionId: string, route: RouteDefinition): string | undefined =>
  PUBLIC_ROUTES.find(
    (open) => open.functionId === functionId && open.method === route.method && open.path === route.path,
  )?.reason;
