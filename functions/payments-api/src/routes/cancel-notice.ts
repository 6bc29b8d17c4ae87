import type { HttpHandler } from '@platform/http';
import type { PaymentsApiDependencies } from '../api-dependencies.ts';
import { requireScope } from '../auth/caller.ts';
import { PAYMENTS_SCOPES } from '../auth/scopes.ts';
import { respondIdempotently } from '../http/idempotent-request.ts';
import { jsonObjectBody } from '../http/json-body.ts';
import { noticeRepresentation } from '../http/notice-representation.ts';

/**
 * `POST /v1/notices/{id}/cancel` with `{ reason }`: an issued, unpaid notice of the calling department becomes
 * cancelled. Another department's notice is `not_found`; a paid or already cancelled one `notice_state_conflict`.
 */
export const cancelNotice =
  (deps: PaymentsApiDependencies): HttpHandler =>
  async (event, context) => {
    const caller = requireScope(await deps.authenticate(event), PAYMENTS_SCOPES.writeNotices);
    const body = jsonObjectBody(event);
    const noticeId = event.pathParameters?.id ?? '';
    // The domain checks the reason (after the department, so others' notices stay not found); '' is refused there.
    const reason = typeof body.reason === 'string' ? body.reason : '';
    return respondIdempotently({
      idempotency: deps.idempotency,
      departmentId: caller.departmentId,
      event,
      context,
      body,
      run: async () => ({
        statusCode: 200,
        headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
        body: noticeRepresentation(await deps.notices.cancel(noticeId, caller.departmentId, reason)),
      }),
    });
  };
