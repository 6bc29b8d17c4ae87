import { type HttpHandler, jsonResponse } from '@platform/http';
import type { PaymentsApiDependencies } from '../api-dependencies.ts';
import { requireScope } from '../auth/caller.ts';
import { PAYMENTS_SCOPES } from '../auth/scopes.ts';
import { parseListQuery } from '../http/list-query.ts';
import { noticeRepresentation } from '../http/notice-representation.ts';

/**
 * `GET /v1/notices?status=&limit=&cursor=`: the department's own notices, newest first, a page at a time.
 * `next_cursor` is null on the last page. The listing reads an index, so a notice issued a moment ago may show a
 * moment later.
 */
export const listNotices =
  (deps: PaymentsApiDependencies): HttpHandler =>
  async (event) => {
    const caller = requireScope(await deps.authenticate(event), PAYMENTS_SCOPES.readNotices);
    const options = parseListQuery(event.queryStringParameters);
    const page = await deps.notices.listByDepartment(caller.departmentId, options);
    return jsonResponse(
      200,
      { notices: page.notices.map(noticeRepresentation), next_cursor: page.nextCursor ?? null },
      { 'cache-control': 'no-store' },
    );
  };
