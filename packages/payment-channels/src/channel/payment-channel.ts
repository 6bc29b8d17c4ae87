import type { ChannelCapability, ChannelId, PaymentMethod } from './capabilities.ts';

/**
 * The port every payment channel adapter implements: sandbox, Alipay, WeChat Pay v3, UnionPay. It has one folder per
 * channel. Each adapter takes a base URL, so a local simulator that speaks the channel's real protocol can stand in for
 * the channel.
 *
 * Conventions for every method:
 * - Money is an integer number of fen. Adapters convert to and from the channel's wire format exactly, never with
 *   floats.
 * - Times are ISO 8601 strings in UTC (`2025-03-01T08:30:00.000Z`), whatever the channel's own format and zone.
 * - `orderNumber` and `refundNumber` are the platform's numbers, 1–32 characters of `[A-Za-z0-9_-]`. That is the
 *   narrowest alphabet and length every channel accepts. The channel's own ids come back as `channelTransactionId`.
 * - An operation outside `capabilities` throws `ChannelUnsupportedError` before anything is sent.
 * - Failures are `ChannelError`s only: `ChannelUnavailableError` (timeout, 5xx, busy; retry-safe),
 *   `ChannelRejectedError` (business refusal with a normalised `reason` plus the channel's code and message),
 *   `ChannelProtocolError` (an answer that cannot be trusted), `NotificationRejectedError`, `StatementNotReadyError`.
 *   Invalid input (a non-integer amount, a malformed number) is a programming error and throws `TypeError` or
 *   `RangeError`.
 */
export interface PaymentChannel {
  readonly id: ChannelId;

  /**
   * What this adapter, as configured, can do. It is fixed for the life of the adapter. Contracted products decide some
   * of it: an Alipay merchant without 当面付 has no `qrPay`.
   */
  readonly capabilities: ReadonlySet<ChannelCapability>;

  /**
   * Starts a payment of `amountFen` for the platform's `orderNumber` and says how to send the payer to the channel.
   *
   * Idempotent on `orderNumber`: asking again with the same input yields an instruction for the same channel-side
   * payment. It never creates a second one, and a retry after `ChannelUnavailableError` is safe. The same number with
   * a different amount or subject is `ChannelRejectedError('order_conflict')`. A paid or closed order is
   * `order_paid` or `order_closed`. Some channels only find out when the payer arrives: Alipay's page pay is a signed
   * link, so the cashier shows that error instead.
   *
   * `expiresAt` is absolute. After it, the channel refuses to take the payment, even through an instruction issued
   * earlier. `notifyUrl` receives the channel's notifications (see `parseNotification`). `returnUrl` is where the
   * payer's browser comes back. Treat that visit as a hint only: only a verified notification or a query says "paid".
   *
   * Capability: `input.method` (default `pagePay`).
   */
  createPayment(input: CreatePaymentInput): Promise<PaymentInstruction>;

  /**
   * The channel's view of the payment. `not_found` means the channel has never seen the order: a page-pay link nobody
   * opened, or an unknown number. After a full refund the payment stays `paid`. Refunds are tracked with `queryRefund`.
   *
   * Capability: `query`.
   */
  queryPayment(orderNumber: string): Promise<PaymentState>;

  /**
   * Stops an unpaid payment from being paid. Idempotent: closing a closed payment answers `closed` again. A paid
   * payment is `ChannelRejectedError('order_paid')`, so refund it instead. `not_found` means the channel never saw the
   * order. No one can pay it after `expiresAt`, because every instruction carries that deadline.
   *
   * Capability: `close`.
   */
  closePayment(orderNumber: string): Promise<CloseOutcome>;

  /**
   * Refunds `amountFen` of a paid payment, as a whole or in part.
   *
   * Idempotent on `refundNumber`: repeating the same refund returns the same `RefundState` and moves no money. A retry
   * after `ChannelUnavailableError` is therefore safe. The same number with a different amount is
   * `refund_conflict`. A total above the amount paid is `refund_exceeds_paid`. A refund of an unpaid order is
   * `order_not_paid`.
   *
   * The answer can be `processing` on channels that refund asynchronously (WeChat Pay). Then follow up with
   * `queryRefund` or the `refund.succeeded` notification.
   *
   * Capability: `refund`.
   */
  refund(input: RefundInput): Promise<RefundState>;

  /**
   * The channel's view of one refund. `not_found` means the channel has no refund with that number for that order.
   * If a `refund` call failed with an unknown outcome, the refund was not made.
   *
   * Capability: `refundQuery`.
   */
  queryRefund(lookup: RefundLookup): Promise<RefundState | RefundNotFound>;

  /**
   * Verifies and reads one notification exactly as it reached the platform's notify URL: the raw body (not re-encoded)
   * and the headers (names in any case).
   *
   * On success it returns the event (`null` when the notification verified but says nothing the platform acts on, for
   * example "trade created") and two answers. `acknowledgement` is the exact answer this channel expects once the
   * event is durably recorded (Alipay: `200 text/plain "success"`). `retryAcknowledgement` asks the channel to send it
   * again, if recording failed.
   *
   * A channel delivers at least once, so duplicates are normal. The same notification, or a redelivery of it, always
   * parses to the same `event.id`. Deduplicate on it.
   *
   * A notification that does not verify throws `NotificationRejectedError`. Its `acknowledgement` is what to answer.
   *
   * Capability: `notifications`.
   */
  parseNotification(notification: IncomingNotification): Promise<ParsedNotification>;

  /**
   * The channel's statement for one business day (`YYYY-MM-DD`, Asia/Shanghai), streamed as the channel publishes it.
   * The adapter fetches it but does not parse it: the Alipay statement is a zip of GBK CSV files. `format` names the
   * parser to use. A day whose statement is not published yet is `StatementNotReadyError`.
   *
   * Capability: `statements`.
   */
  statement(businessDate: string): Promise<ChannelStatement>;
}

export interface CreatePaymentInput {
  readonly orderNumber: string;
  /** A positive integer number of fen. */
  readonly amountFen: number;
  /** Shown to the payer by the channel (at most 128 characters). */
  readonly subject: string;
  /** ISO 8601. The channel stops accepting the payment at this instant. */
  readonly expiresAt: string;
  readonly returnUrl: string;
  readonly notifyUrl: string;
  /** Default `pagePay`. */
  readonly method?: PaymentMethod;
  readonly payerHint?: PayerHint;
}

/** What the platform knows about the payer and may pass on. Channels use what they support and ignore the rest. */
export interface PayerHint {
  /** The payer's name as on the notice. The sandbox reads magic names from it. */
  readonly name?: string;
  /** The payer's IP address, which some channels want for risk control. */
  readonly clientIp?: string;
}

/** How to send the payer to the channel. */
export type PaymentInstruction =
  /** Send the browser to `url` (GET). */
  | { readonly kind: 'redirect'; readonly url: string }
  /** Render `content` as a QR code for the channel's app to scan. */
  | { readonly kind: 'qr'; readonly content: string }
  /** Serve `html`, a form that posts itself to the channel (it contains an inline script). */
  | { readonly kind: 'form'; readonly html: string };

export type PaymentStatus = 'pending' | 'paid' | 'closed' | 'not_found';

export interface PaymentState {
  readonly status: PaymentStatus;
  /** The channel's id for the payment, once it has one. */
  readonly channelTransactionId?: string;
  /** The amount the channel holds for the order. When `paid`, this is the amount paid. */
  readonly amountFen?: number;
  /** When `paid`: when the channel took the money. */
  readonly paidAt?: string;
}

export interface CloseOutcome {
  readonly status: 'closed' | 'not_found';
}

export interface RefundInput {
  readonly orderNumber: string;
  readonly refundNumber: string;
  /** A positive integer number of fen, at most what is paid and not yet refunded. */
  readonly amountFen: number;
  /** Shown to the payer by some channels (at most 80 characters). */
  readonly reason: string;
}

export interface RefundLookup {
  readonly orderNumber: string;
  readonly refundNumber: string;
}

export interface RefundState {
  readonly status: 'succeeded' | 'processing' | 'failed';
  readonly orderNumber: string;
  readonly refundNumber: string;
  readonly amountFen: number;
  /** When `succeeded`: when the channel returned the money. */
  readonly refundedAt?: string;
  /** The channel's id for the refund, if it has one (Alipay has none: it uses `refundNumber`). */
  readonly channelRefundId?: string;
}

export interface RefundNotFound {
  readonly status: 'not_found';
}

/** One notification as received over HTTP. */
export interface IncomingNotification {
  readonly headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  /** Exactly the bytes received. Do not parse and re-serialise the body: signatures cover its exact form. */
  readonly body: string | Uint8Array;
}

/** The HTTP answer a channel expects to a notification. Send it as it is. */
export interface ChannelAcknowledgement {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface ParsedNotification {
  /** `null` when the notification verified but carries nothing to act on. Acknowledge it all the same. */
  readonly event: ChannelEvent | null;
  /** The answer that tells the channel "received, stop sending". Send it only after the event is durably recorded. */
  readonly acknowledgement: ChannelAcknowledgement;
  /** The answer that makes the channel send the notification again, if the platform could not record it. */
  readonly retryAcknowledgement: ChannelAcknowledgement;
}

/** What a verified notification tells the platform. `id` is stable across duplicates and redeliveries. */
export type ChannelEvent = PaymentSucceededEvent | PaymentClosedEvent | RefundSucceededEvent;

export interface PaymentSucceededEvent {
  readonly type: 'payment.succeeded';
  readonly id: string;
  readonly orderNumber: string;
  readonly channelTransactionId: string;
  /** The amount paid. Compare it with the order's: a mismatch is an incident, not a payment. */
  readonly amountFen: number;
  readonly paidAt: string;
}

export interface PaymentClosedEvent {
  readonly type: 'payment.closed';
  readonly id: string;
  readonly orderNumber: string;
  readonly channelTransactionId?: string;
  readonly closedAt: string;
}

export interface RefundSucceededEvent {
  readonly type: 'refund.succeeded';
  readonly id: string;
  readonly orderNumber: string;
  readonly refundNumber: string;
  readonly channelTransactionId: string;
  /** This refund's amount, when the channel says it. Alipay's notification carries only the running total. */
  readonly amountFen?: number;
  /** The total refunded on the payment so far, when the channel says it. */
  readonly refundedTotalFen?: number;
  readonly refundedAt: string;
}

/** One day's statement, as the channel publishes it. `body` can be read once. */
export interface ChannelStatement {
  readonly channel: ChannelId;
  readonly businessDate: string;
  /**
   * Which parser reads `body`: `sandbox-csv` (UTF-8 CSV, see the sandbox README), `alipay-trade-bill-zip` (zip of GBK
   * CSV files: 业务明细 and 业务明细(汇总)).
   */
  readonly format: string;
  readonly fileName: string;
  readonly body: AsyncIterable<Uint8Array>;
}

/** One line of a parsed statement: what reconciliation matches against the platform's records. */
export interface ChannelStatementLine {
  readonly kind: 'payment' | 'refund';
  readonly orderNumber: string;
  /** For refunds. */
  readonly refundNumber?: string;
  readonly channelTransactionId: string;
  /** Positive for both kinds. */
  readonly amountFen: number;
  /** The channel's service fee on the line: positive when charged, negative when returned (refunds). */
  readonly feeFen: number;
  readonly occurredAt: string;
}
