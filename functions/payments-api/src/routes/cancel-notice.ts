import type { HttpHandler } from '@platform/http';
import { PaymentNoticeError } from '@platform/payment-notices';
import type { PaymentsApiDependencies } from '../api-dependencies.ts';
import { requireScope } from '../auth/caller.ts';
import { PAYMENTS_SCOPES } from '../auth/scopes.ts';
import { respondIdempotently } from '../http/idempotent-request.ts';
import { jsonObjectBody } from '../http/json-body.ts';
import { publishNoticeCancelled } from '../http/notice-cancelled-event.ts';
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
      run: async () => {
        let notice: Awaited<ReturnType<typeof deps.notices.cancel>>;
        try {
          notice = await deps.notices.cancel(noticeId, caller.departmentId, reason);
        } catch (error) {
          // A retry of a cancel whose `notice.cancelled` was not enqueued (that answer was a 503): enqueue it now.
          if (error instanceof PaymentNoticeError && error.code === 'notice_state_conflict') {
            await publishNoticeCancelled(deps, noticeId, caller.departmentId);
          }
          throw error;
        }
        // Published before answering: if the queue is down the department gets a 503 and retries (see above).
        await publishNoticeCancelled(deps, noticeId, caller.departmentId);
        return {
          statusCode: 200,
          headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
          body: noticeRepresentation(notice),
        };
      },
    });
  };
