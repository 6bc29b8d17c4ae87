import { deliveryRepresentation, isDeliveryStatus, type ListDeliveriesOptions } from '@platform/department-webhooks';
import { badRequest, type HttpHandler, jsonResponse } from '@platform/http';
import { MAXIMUM_PAGE_SIZE } from '@platform/payment-notices';
import type { PaymentsApiDependencies } from '../../api-dependencies.ts';
import { requireScope } from '../../auth/caller.ts';
import { PAYMENTS_SCOPES } from '../../auth/scopes.ts';
import { webhooksOf } from './webhooks-of.ts';

const parseQuery = (query: Readonly<Record<string, string | undefined>> = {}): ListDeliveriesOptions => {
  const { limit, status, cursor } = query;
  const options: { limit?: number; status?: ListDeliveriesOptions['status']; cursor?: string } = {};
  if (limit !== undefined) {
    const value = /^[0-9]{1,3}$/.test(limit) ? Number(limit) : Number.NaN;
    if (!(value >= 1 && value <= MAXIMUM_PAGE_SIZE)) {
      throw badRequest('invalid_limit', `limit must be a whole number from 1 to ${MAXIMUM_PAGE_SIZE}.`, 'limit');
    }
    options.limit = value;
  }
  if (status !== undefined) {
    if (!isDeliveryStatus(status))
      throw badRequest('invalid_status', 'status must be pending, succeeded or failed.', 'status');
    options.status = status;
  }
  if (cursor !== undefined) {
    if (cursor === '') throw badRequest('invalid_cursor', 'The cursor is not one this listing returned.', 'cursor');
    options.cursor = cursor;
  }
  return options;
};

/**
 * `GET /v1/webhook-deliveries?status=failed&limit=&cursor=`: the department's deliveries, newest first, with their
 * attempts. Reads an index: a delivery that changed a moment ago may show its new status a moment later.
 */
export const listWebhookDeliveries =
  (deps: PaymentsApiDependencies): HttpHandler =>
  async (event) => {
    const caller = requireScope(await deps.authenticate(event), PAYMENTS_SCOPES.webhooks);
    const page = await webhooksOf(deps).store.listDeliveries(
      caller.departmentId,
      parseQuery(event.queryStringParameters),
    );
    return jsonResponse(
      200,
      { deliveries: page.deliveries.map(deliveryRepresentation), next_cursor: page.nextCursor ?? null },
      { 'cache-control': 'no-store' },
    );
  };
