import type { ChannelAcknowledgement, ChannelEvent } from '../channel/payment-channel.ts';

/**
 * The sandbox's notification, shaped like a modern webhook: a JSON body `{ id, type, createdAt, data }` signed in the
 * `Sandbox-Signature` header (see `sandbox-signature.ts`). `id` is derived from what happened, never from the
 * delivery, so duplicates and redeliveries carry the same id.
 */
export interface SandboxNotificationBody {
  readonly id: string;
  readonly type: ChannelEvent['type'];
  readonly createdAt: string;
  readonly data: SandboxNotificationData;
}

export interface SandboxNotificationData {
  readonly orderNumber: string;
  readonly transactionId: string;
  readonly amountFen?: number;
  readonly paidAt?: string;
  readonly closedAt?: string;
  readonly refundNumber?: string;
  readonly refundedTotalFen?: number;
  readonly refundedAt?: string;
}

const json = (status: number, body: unknown): ChannelAcknowledgement => ({
  status,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

/** The only answer the sandbox takes as "received": anything else is retried. */
export const SANDBOX_ACKNOWLEDGEMENT = json(200, { received: true });
export const SANDBOX_RETRY_ACKNOWLEDGEMENT = json(503, { received: false, retry: true });
export const SANDBOX_REJECTION_ACKNOWLEDGEMENT = json(400, { received: false });

export const isSandboxAcknowledgement = (status: number, body: string): boolean =>
  status === SANDBOX_ACKNOWLEDGEMENT.status && body === SANDBOX_ACKNOWLEDGEMENT.body;

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const text = (data: Record<string, unknown>, field: string): string => {
  const value = data[field];
  if (typeof value !== 'string' || value.length === 0) throw new TypeError(`data.${field} is missing.`);
  return value;
};

const fen = (data: Record<string, unknown>, field: string): number => {
  const value = data[field];
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    throw new TypeError(`data.${field} is not an amount in fen.`);
  }
  return value;
};

/** Reads a verified body into the platform's event. Throws `TypeError` when the body is not a sandbox notification. */
export const sandboxEventOf = (body: unknown): ChannelEvent => {
  if (!isRecord(body) || !isRecord(body.data) || typeof body.id !== 'string') {
    throw new TypeError('Not a sandbox notification.');
  }
  const { id, data } = body;
  const common = { id, orderNumber: text(data, 'orderNumber'), channelTransactionId: text(data, 'transactionId') };
  switch (body.type) {
    case 'payment.succeeded':
      return { type: 'payment.succeeded', ...common, amountFen: fen(data, 'amountFen'), paidAt: text(data, 'paidAt') };
    case 'payment.closed':
      return { type: 'payment.closed', ...common, closedAt: text(data, 'closedAt') };
    case 'refund.succeeded':
      return {
        type: 'refund.succeeded',
        ...common,
        refundNumber: text(data, 'refundNumber'),
        amountFen: fen(data, 'amountFen'),
        refundedTotalFen: fen(data, 'refundedTotalFen'),
        refundedAt: text(data, 'refundedAt'),
      };
    default:
      throw new TypeError(`Unknown sandbox notification type ${String(body.type)}.`);
  }
};
