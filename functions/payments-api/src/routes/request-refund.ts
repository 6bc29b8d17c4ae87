import type { HttpHandler } from '@platform/http';
import type { PaymentsApiDependencies } from '../api-dependencies.ts';
import { requireScope } from '../auth/caller.ts';
import { PAYMENTS_SCOPES } from '../auth/scopes.ts';
import { respondIdempotently } from '../http/idempotent-request.ts';
import { jsonObjectBody } from '../http/json-body.ts';
import { refundRepresentation } from '../http/refund-representation.ts';

/**
 * `POST /v1/notices/{id}/refunds` with `{ refundId?, amountFen, reason }`: the department asks for (part of) a paid
 * notice's money back. 201 with the refund (`requested`: two finance officers approve it before the money moves) and
 * its `Location`. Another department's notice is `not_found`; more than what remains refundable is
 * `refund_exceeds_paid` (409), also when concurrent requests would together exceed it.
 */
export const requestRefund =
  (deps: PaymentsApiDependencies): HttpHandler =>
  async (event, context) => {
    const caller = requireScope(await deps.authenticate(event), PAYMENTS_SCOPES.writeRefunds);
    const body = jsonObjectBody(event);
    const noticeId = event.pathParameters?.id ?? '';
    return respondIdempotently({
      idempotency: deps.idempotency,
      departmentId: caller.departmentId,
      event,
      context,
      body,
      run: async () => {
        const refund = await deps.refunds.requestRefund(caller.departmentId, noticeId, body);
        return {
          statusCode: 201,
          headers: {
            'content-type': 'application/json; charset=utf-8',
            location: `${deps.paymentsUrl}/v1/refunds/${refund.refundId}`,
            'cache-control': 'no-store',
          },
          body: refundRepresentation(refund),
        };
      },
    });
  };
