/**
 * What a collecting department is told about its notices and refunds. The id is stable for one fact (a notice's
 * ledger event, a refund's state), so every delivery of the same fact carries the same id and departments dedupe
 * on it: delivery is at least once.
 */
export const DEPARTMENT_EVENT_TYPES = [
  'notice.paid',
  'notice.cancelled',
  'notice.expired',
  'refund.succeeded',
  'refund.failed',
] as const;

export type DepartmentEventType = (typeof DEPARTMENT_EVENT_TYPES)[number];

export interface DepartmentEvent {
  /** `${noticeId}:${ledgerSequence}` or `${refundId}:${state}`. */
  readonly id: string;
  readonly type: DepartmentEventType;
  readonly departmentId: string;
  readonly noticeId: string;
  /** ISO 8601 UTC. */
  readonly occurredAt: string;
  /** No personal data in clear: amounts, channel, payment id, masked forms at most. */
  readonly data: Record<string, unknown>;
}

/**
 * Port through which the flows announce events. An implementation only enqueues (one SQS message): it writes
 * nothing to DynamoDB, so publishing can sit after a flow's own commit without a second transaction; the consumer
 * fans out to the department's endpoints and records deliveries. A throw means "not enqueued": the caller must make
 * its trigger retry (a channel's retry acknowledgement, a 503).
 */
export interface DepartmentEventPublisher {
  publish(event: DepartmentEvent): Promise<void>;
}

export const isDepartmentEventType = (value: unknown): value is DepartmentEventType =>
  typeof value === 'string' && (DEPARTMENT_EVENT_TYPES as readonly string[]).includes(value);

/** The event id of a notice's ledger event. */
export const noticeEventId = (noticeId: string, ledgerSequence: number): string => `${noticeId}:${ledgerSequence}`;
