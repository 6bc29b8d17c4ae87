import { badRequest } from '@platform/http';
import { isNoticeStatus, type ListNoticesOptions, MAXIMUM_PAGE_SIZE, NOTICE_STATUSES } from '@platform/payment-notices';

/**
 * `?status=&limit=&cursor=` of a listing, checked: `limit` a whole number from 1 to 100 written as plain digits,
 * `status` one of the notice statuses. The cursor is opaque here; the store refuses any it did not hand out for this
 * department's listing (`invalid_cursor`). A parameter given twice arrives comma-joined and is refused.
 */
export const parseListQuery = (query: Readonly<Record<string, string | undefined>> = {}): ListNoticesOptions => {
  const { limit, status, cursor } = query;
  const options: { limit?: number; status?: ListNoticesOptions['status']; cursor?: string } = {};
  if (limit !== undefined) {
    const value = /^[0-9]{1,3}$/.test(limit) ? Number(limit) : Number.NaN;
    if (!(value >= 1 && value <= MAXIMUM_PAGE_SIZE)) {
      throw badRequest('invalid_limit', `limit must be a whole number from 1 to ${MAXIMUM_PAGE_SIZE}.`, 'limit');
    }
    options.limit = value;
  }
  if (status !== undefined) {
    if (!isNoticeStatus(status)) {
      throw badRequest('invalid_status', `status must be one of ${NOTICE_STATUSES.join(', ')}.`, 'status');
    }
    options.status = status;
  }
  if (cursor !== undefined) {
    if (cursor === '') throw badRequest('invalid_cursor', 'The cursor is not one this listing returned.', 'cursor');
    options.cursor = cursor;
  }
  return options;
};
