import type { PaymentMethod } from '../channel/capabilities.ts';

/**
 * The sandbox channel's own record of an order, and the rules that change it. They are the same rules a real channel
 * applies: one payment per order number, close only unpaid, refunds idempotent on their number and never above what
 * was paid, nothing payable after the deadline. The functions are pure: they take the current record and return the
 * next one, or throw a `SandboxRefusal`.
 */
export interface SandboxOrder {
  readonly orderNumber: string;
  readonly amountFen: number;
  readonly subject: string;
  readonly method: PaymentMethod;
  readonly expiresAt: number;
  readonly returnUrl: string;
  readonly notifyUrl: string;
  readonly payerName?: string;
  /** The sandbox's id for the payment (`sbx_…`). */
  readonly transactionId: string;
  readonly status: 'pending' | 'paid' | 'closed';
  readonly createdAt: number;
  readonly paidAt?: number;
  readonly closedAt?: number;
  /** How many create requests arrived for this number. The magic …05 amount withholds the first answer. */
  readonly createAttempts: number;
  readonly refunds: readonly SandboxRefund[];
}

export interface SandboxRefund {
  readonly refundNumber: string;
  readonly refundId: string;
  readonly amountFen: number;
  readonly reason: string;
  readonly refundedAt: number;
}

export type SandboxRefusalCode =
  | 'ORDER_NOT_FOUND'
  | 'ORDER_PAID'
  | 'ORDER_CLOSED'
  | 'ORDER_NOT_PAID'
  | 'ORDER_CONFLICT'
  | 'REFUND_NOT_FOUND'
  | 'REFUND_EXCEEDS_PAID'
  | 'REFUND_CONFLICT'
  | 'STATEMENT_NOT_READY'
  | 'INVALID_REQUEST'
  | 'UNAUTHENTICATED';

const HTTP_STATUS: Readonly<Record<SandboxRefusalCode, number>> = {
  ORDER_NOT_FOUND: 404,
  REFUND_NOT_FOUND: 404,
  INVALID_REQUEST: 400,
  UNAUTHENTICATED: 401,
  ORDER_PAID: 409,
  ORDER_CLOSED: 409,
  ORDER_NOT_PAID: 409,
  ORDER_CONFLICT: 409,
  REFUND_EXCEEDS_PAID: 409,
  REFUND_CONFLICT: 409,
  STATEMENT_NOT_READY: 409,
};

/** A refusal by the sandbox channel, sent as `{ code, message }` with `httpStatus`. */
export class SandboxRefusal extends Error {
  readonly code: SandboxRefusalCode;
  readonly httpStatus: number;

  constructor(code: SandboxRefusalCode, message: string) {
    super(message);
    this.name = 'SandboxRefusal';
    this.code = code;
    this.httpStatus = HTTP_STATUS[code];
  }
}

export interface NewSandboxOrder {
  readonly orderNumber: string;
  readonly amountFen: number;
  readonly subject: string;
  readonly method: PaymentMethod;
  readonly expiresAt: number;
  readonly returnUrl: string;
  readonly notifyUrl: string;
  readonly payerName?: string;
}

export const newSandboxOrder = (input: NewSandboxOrder, transactionId: string, now: number): SandboxOrder => ({
  ...input,
  transactionId,
  status: 'pending',
  createdAt: now,
  createAttempts: 0,
  refunds: [],
});

/** A pending order past its deadline is closed, as of the deadline. Every read applies this first. */
export const withExpiry = (order: SandboxOrder, now: number): SandboxOrder =>
  order.status === 'pending' && now >= order.expiresAt
    ? { ...order, status: 'closed', closedAt: order.expiresAt }
    : order;

/** A repeated create: the same order is fine while it is pending, and counted. Anything else is refused. */
export const repeatCreate = (order: SandboxOrder, input: NewSandboxOrder): SandboxOrder => {
  if (order.amountFen !== input.amountFen || order.subject !== input.subject) {
    throw new SandboxRefusal('ORDER_CONFLICT', 'The order number is used for another amount or subject.');
  }
  if (order.status === 'paid') throw new SandboxRefusal('ORDER_PAID', 'The order is already paid.');
  if (order.status === 'closed') throw new SandboxRefusal('ORDER_CLOSED', 'The order is closed.');
  return { ...order, createAttempts: order.createAttempts + 1 };
};

export type PayOutcome = 'paid' | 'already_paid' | 'closed' | 'failed' | 'declined';

export const payOrder = (
  order: SandboxOrder,
  now: number,
  behaviour: 'succeeds' | 'fails' | 'declined',
): { readonly order: SandboxOrder; readonly outcome: PayOutcome } => {
  if (order.status === 'paid') return { order, outcome: 'already_paid' };
  if (order.status === 'closed') return { order, outcome: 'closed' };
  if (behaviour === 'fails') return { order, outcome: 'failed' };
  if (behaviour === 'declined') return { order: { ...order, status: 'closed', closedAt: now }, outcome: 'declined' };
  return { order: { ...order, status: 'paid', paidAt: now }, outcome: 'paid' };
};

export const closeOrder = (order: SandboxOrder, now: number): SandboxOrder => {
  if (order.status === 'paid') throw new SandboxRefusal('ORDER_PAID', 'A paid order cannot be closed; refund it.');
  return order.status === 'closed' ? order : { ...order, status: 'closed', closedAt: now };
};

export const refundedFen = (order: SandboxOrder): number =>
  order.refunds.reduce((total, refund) => total + refund.amountFen, 0);

export interface RefundRequest {
  readonly refundNumber: string;
  readonly amountFen: number;
  readonly reason: string;
}

/** Returns the order with the refund, or unchanged when the same refund was already made (`repeated`). */
export const refundOrder = (
  order: SandboxOrder,
  request: RefundRequest,
  refundId: string,
  now: number,
): { readonly order: SandboxOrder; readonly refund: SandboxRefund; readonly repeated: boolean } => {
  const existing = order.refunds.find((refund) => refund.refundNumber === request.refundNumber);
  if (existing) {
    if (existing.amountFen !== request.amountFen) {
      throw new SandboxRefusal('REFUND_CONFLICT', 'The refund number is used for another amount.');
    }
    return { order, refund: existing, repeated: true };
  }
  if (order.status !== 'paid') throw new SandboxRefusal('ORDER_NOT_PAID', 'Only a paid order can be refunded.');
  if (refundedFen(order) + request.amountFen > order.amountFen) {
    throw new SandboxRefusal('REFUND_EXCEEDS_PAID', 'The refunds would exceed the amount paid.');
  }
  const refund: SandboxRefund = { ...request, refundId, refundedAt: now };
  return { order: { ...order, refunds: [...order.refunds, refund] }, refund, repeated: false };
};
