import type { DepartmentEvent } from './department-event.ts';

/** A published event: the consumer fans it out to the department's endpoints. */
export interface DepartmentEventMessage {
  readonly kind: 'department-event';
  readonly event: DepartmentEvent;
}

/**
 * "Make attempt number `attempt + 1` of this delivery" (`attempt` = attempts made when it was sent). Duplicates and
 * stale ones are harmless: the attempt is recorded only if the delivery still stands at `attempt`.
 */
export interface DeliveryAttemptMessage {
  readonly kind: 'delivery-attempt';
  readonly deliveryId: string;
  readonly attempt: number;
}

export type WebhookQueueMessage = DepartmentEventMessage | DeliveryAttemptMessage;

/**
 * The department-events queue and its dead-letter queue. Retries are new messages with `DelaySeconds` (≤ 900 s)
 * rather than a longer visibility timeout on the received one: every receive counts towards the redrive policy's
 * `maxReceiveCount`, so holding a message back by failing it would send it to the dead-letter queue after a few
 * retries whatever the schedule says, and the visibility timeout can not exceed 12 h anyway. Longer waits hop: a
 * message that arrives before its delivery is due is sent again with the remaining delay.
 *
 * Implementation: `SqsWebhookQueue` (also the `DepartmentEventPublisher`).
 */
export interface WebhookQueue {
  send(message: WebhookQueueMessage, delaySeconds?: number): Promise<void>;
  /** After the last attempt of a run: the delivery's message parks in the dead-letter queue (alarmed on). */
  sendToDeadLetter(message: DeliveryAttemptMessage): Promise<void>;
}

export class InvalidQueueMessageError extends Error {
  constructor(detail: string) {
    super(`Not a webhook queue message: ${detail}`);
    this.name = 'InvalidQueueMessageError';
  }
}

export const parseQueueMessage = (body: string): WebhookQueueMessage => {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new InvalidQueueMessageError('not JSON');
  }
  const message = value as { kind?: unknown; event?: { id?: unknown }; deliveryId?: unknown; attempt?: unknown } | null;
  if (message?.kind === 'department-event' && typeof message.event?.id === 'string') {
    return message as unknown as DepartmentEventMessage;
  }
  if (
    message?.kind === 'delivery-attempt' &&
    typeof message.deliveryId === 'string' &&
    Number.isInteger(message.attempt)
  ) {
    return message as unknown as DeliveryAttemptMessage;
  }
  throw new InvalidQueueMessageError('unknown kind');
};
