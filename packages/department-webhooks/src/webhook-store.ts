import type { DeliveryAttempt, DeliveryStatus, WebhookDelivery } from './webhook-delivery.ts';
import type { WebhookEndpoint } from './webhook-endpoint.ts';

export interface DeliveryPage {
  /** Newest first. */
  readonly deliveries: readonly WebhookDelivery[];
  /** Absent on the last page. */
  readonly nextCursor?: string;
}

export interface ListDeliveriesOptions {
  readonly status?: DeliveryStatus;
  readonly cursor?: string;
  /** 1–100, default 20. */
  readonly limit?: number;
}

/** The outcome of one attempt as the store records it. */
export interface AttemptRecord {
  readonly attempt: DeliveryAttempt;
  readonly status: DeliveryStatus;
  /** When the next attempt is due (status `pending` only). */
  readonly nextAttemptAt?: string;
}

export type ReplayResult =
  | { readonly outcome: 'reopened'; readonly delivery: WebhookDelivery }
  /** Already pending (a replay or the schedule is under way): nothing to do, no second message. */
  | { readonly outcome: 'already_pending'; readonly delivery: WebhookDelivery };

/**
 * Storage of endpoints and deliveries (payments table). Every change of a delivery is a conditional write on its
 * `attemptCount` (or status), so that of two consumers handling duplicate queue messages only one records an
 * attempt, and a stale retry message (its attempt number already passed) changes nothing.
 *
 * Implementation: `DynamoDbWebhookStore`. Errors: `WebhookError` for refusals, `StorageUnavailableError` when the
 * table can not be reached; no SDK type leaves.
 */
export interface WebhookStore {
  /** Refuses (`webhook_endpoint_limit_reached`) past `MAXIMUM_ENDPOINTS_PER_DEPARTMENT`. */
  createEndpoint(endpoint: WebhookEndpoint): Promise<void>;
  /** The department's endpoints, read strongly consistently (the consumer must see one registered a moment ago). */
  listEndpoints(departmentId: string): Promise<WebhookEndpoint[]>;
  /** `webhook_endpoint_not_found` unless the department has it. */
  deleteEndpoint(departmentId: string, endpointId: string): Promise<void>;

  /** Creates the delivery unless one with its id exists; either way answers the stored one. */
  createDelivery(delivery: WebhookDelivery): Promise<WebhookDelivery>;
  getDelivery(deliveryId: string): Promise<WebhookDelivery | undefined>;
  /**
   * Appends an attempt, provided the delivery is still `pending` at `delivery.attemptCount` attempts. False when it
   * is not (another consumer recorded that attempt first, or a replay or success moved it on).
   */
  recordAttempt(delivery: WebhookDelivery, record: AttemptRecord): Promise<boolean>;
  /** `failed` → `pending` with a fresh schedule, for the department that owns it (`webhook_delivery_not_found` else). */
  reopenForReplay(deliveryId: string, departmentId: string, now: Date): Promise<ReplayResult>;
  /** Gives a reopened delivery back to `failed` when its message could not be enqueued. */
  revertReplay(delivery: WebhookDelivery): Promise<void>;
  listDeliveries(departmentId: string, options?: ListDeliveriesOptions): Promise<DeliveryPage>;
}
