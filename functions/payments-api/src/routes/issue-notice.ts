import type { HttpHandler } from '@platform/http';
import { issuePaymentNotice } from '@platform/payment-notices';
import type { PaymentsApiDependencies } from '../api-dependencies.ts';
import { requireScope } from '../auth/caller.ts';
import { PAYMENTS_SCOPES } from '../auth/scopes.ts';
import { respondIdempotently } from '../http/idempotent-request.ts';
import { jsonObjectBody } from '../http/json-body.ts';
import { noticeRepresentation } from '../http/notice-representation.ts';

/** `POST /v1/notices`: issue a notice for the calling department. 201 with the notice and its `Location`. */
export const issueNotice =
  (deps: PaymentsApiDependencies): HttpHandler =>
  async (event, context) => {
    const caller = requireScope(await deps.authenticate(event), PAYMENTS_SCOPES.writeNotices);
    const body = jsonObjectBody(event);
    return respondIdempotently({
      idempotency: deps.idempotency,
      departmentId: caller.departmentId,
      event,
      context,
      body,
      run: async () => {
        const notice = await issuePaymentNotice(body, caller.departmentId, deps);
        return {
          statusCode: 201,
          headers: {
            'content-type': 'application/json; charset=utf-8',
            location: `${deps.paymentsUrl}/v1/notices/${notice.noticeId}`,
            'cache-control': 'no-store',
          },
          body: noticeRepresentation(notice),
        };
      },
    });
  };
