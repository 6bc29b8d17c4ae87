import { type HttpHandler, jsonResponse } from '@platform/http';
import type { PaymentsApiDependencies } from '../api-dependencies.ts';
import { requireScope } from '../auth/caller.ts';
import { PAYMENTS_SCOPES } from '../auth/scopes.ts';
import { refundRepresentation } from '../http/refund-representation.ts';

/** `GET /v1/notices/{id}/refunds`: every refund of one of the department's notices, oldest first. */
export const listNoticeRefunds =
  (deps: PaymentsApiDependencies): HttpHandler =>
  async (event) => {
    const caller = requireScope(await deps.authenticate(event), PAYMENTS_SCOPES.readNotices);
    const refunds = await deps.refunds.listNoticeRefunds(caller.departmentId, event.pathParameters?.id ?? '');
    return jsonResponse(200, { refunds: refunds.map(refundRepresentation) }, { 'cache-control': 'no-store' });
  };
