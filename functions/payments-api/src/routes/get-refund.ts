import { type HttpHandler, jsonResponse } from '@platform/http';
import type { PaymentsApiDependencies } from '../api-dependencies.ts';
import { requireScope } from '../auth/caller.ts';
import { PAYMENTS_SCOPES } from '../auth/scopes.ts';
import { refundRepresentation } from '../http/refund-representation.ts';

/** `GET /v1/refunds/{refundId}`: one of the department's refunds; others' are `not_found`, as missing ones. */
export const getRefund =
  (deps: PaymentsApiDependencies): HttpHandler =>
  async (event) => {
    const caller = requireScope(await deps.authenticate(event), PAYMENTS_SCOPES.readNotices);
    const refund = await deps.refunds.getDepartmentRefund(caller.departmentId, event.pathParameters?.refundId ?? '');
    return jsonResponse(200, refundRepresentation(refund), { 'cache-control': 'no-store' });
  };
