import { type HttpHandler, jsonResponse, notFound } from '@platform/http';
import type { PaymentsApiDependencies } from '../api-dependencies.ts';
import { requireScope } from '../auth/caller.ts';
import { PAYMENTS_SCOPES } from '../auth/scopes.ts';
import { noticeRepresentation } from '../http/notice-representation.ts';

/** `GET /v1/notices/{id}`: one of the department's own notices. Others' are `not_found`, exactly as missing ones. */
export const getNotice =
  (deps: PaymentsApiDependencies): HttpHandler =>
  async (event) => {
    const caller = requireScope(await deps.authenticate(event), PAYMENTS_SCOPES.readNotices);
    const notice = await deps.notices.get(event.pathParameters?.id ?? '');
    if (!notice || notice.departmentId !== caller.departmentId) throw notFound('No such payment notice.');
    return jsonResponse(200, noticeRepresentation(notice), { 'cache-control': 'no-store' });
  };
