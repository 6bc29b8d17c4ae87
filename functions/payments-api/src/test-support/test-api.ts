import { httpHandler } from '@platform/http';
import { createLogger } from '@platform/logging';
import { createStaticItemCatalogue, InMemoryIdempotencyPersistence } from '@platform/payment-notices';
import type { PaymentsApiDependencies } from '../api-dependencies.ts';
import { createAccessTokenVerifier } from '../auth/access-token.ts';
import { createAuthenticator } from '../auth/authenticate.ts';
import { createDpopProofVerifier } from '../auth/dpop-proof.ts';
import { createInMemoryDpopProofReplayGuard } from '../auth/dpop-proof-replay.ts';
import { createPaymentsApi } from '../router.ts';
import { createInMemoryNotices } from './in-memory-notices.ts';
import { refundsNotUsed } from './refunds-not-used.ts';
import { apiEvent, lambdaContext, type TestRequest } from './test-events.ts';
import { AUDIENCE, createTestTokenIssuer, ISSUER } from './test-tokens.ts';

/** The whole API as the Lambda runs it (router inside the platform's middleware), over in-memory stores. */
export const createTestApi = async (overrides: Partial<PaymentsApiDependencies> = {}) => {
  const issuer = await createTestTokenIssuer();
  const notices = createInMemoryNotices();
  const idempotency = new InMemoryIdempotencyPersistence();
  const deps: PaymentsApiDependencies = {
    paymentsUrl: AUDIENCE,
    identityUrl: ISSUER,
    authenticate: createAuthenticator({
      paymentsUrl: AUDIENCE,
      verifyAccessToken: createAccessTokenVerifier({ issuer: ISSUER, audience: AUDIENCE, keys: issuer.keys }),
      verifyDpopProof: createDpopProofVerifier({ replay: createInMemoryDpopProofReplayGuard() }),
    }),
    notices,
    catalogue: createStaticItemCatalogue(),
    idempotency,
    refunds: refundsNotUsed,
    now: () => new Date(),
    logger: createLogger({ write: () => {} }),
    ...overrides,
  };
  const handler = httpHandler(deps.logger, createPaymentsApi(deps));
  const call = async (request: TestRequest) => {
    const response = await handler(apiEvent(request), lambdaContext());
    const headers = response.headers ?? {};
    return { status: response.statusCode, headers, body: JSON.parse(String(response.body)) };
  };
  return { call, issuer, notices, idempotency, deps };
};

export const validNoticeBody = (overrides: Record<string, unknown> = {}) => ({
  itemCode: '103050101',
  amountFen: 20_000,
  dueDate: '2099-12-31',
  description: '道路交通安全违法罚款',
  payer: { kind: 'natural-person', idNumber: '11010519491231002X', name: '张三' },
  metadata: { caseNumber: 'JJ-2026-0001' },
  ...overrides,
});
