import type { PaymentReport } from './decide-payment.ts';
import type { LedgerEvent } from './ledger-event.ts';
import type { NoticeRequest } from './notice-request.ts';
import type { NoticeStatus } from './notice-status.ts';
import type { PaymentNotice } from './payment-notice.ts';
import type { PaymentRecordHost } from './payment-record.ts';

export interface ListNoticesOptions {
  /** Only notices in this status. Pages may then hold fewer than `limit` notices; follow `nextCursor` to the end. */
  readonly status?: NoticeStatus;
  /** `nextCursor` of the previous page of the same listing; anything else is `invalid_cursor`. */
  readonly cursor?: string;
  /** 1–100, default 20. */
  readonly limit?: number;
}

export interface NoticePage {
  /** Newest first. */
  readonly notices: readonly PaymentNotice[];
  /** Absent on the last page. */
  readonly nextCursor?: string;
}

/**
 * Storage of payment notices and their ledgers. Every change is one transaction that writes the new view of the
 * notice — conditional on the states its transition may start from and on the version read — together with the
 * next ledger event (conditional on that event number being free), so the view and the ledger never disagree and
 * of concurrent changes exactly one wins. The losers re-read and are decided again: they then fail with the
 * domain's reason (`AlreadyPaidError`, `refund_exceeds_paid`, …) or, rarely, succeed on the new state.
 *
 * Refusals are `PaymentNoticeError`s; an unreachable store is `StorageUnavailableError`. No SDK type leaves.
 * Implementation: `DynamoDbPaymentNoticeRepository` (the payments table).
 */
export interface PaymentNoticeRepository {
  /**
   * Stores a new notice: seals the payer's identifier and name, indexes the identifier, draws a payment code and
   * claims it, and appends `notice.issued` — one transaction of three puts. Draws again if the code is taken.
   */
  issue(request: NoticeRequest): Promise<PaymentNotice>;

  /** The notice, read strongly consistently; undefined if there is none (or the id is malformed). */
  get(noticeId: string): Promise<PaymentNotice | undefined>;

  /** The notice a payment code belongs to. Throws `invalid_payment_code` on a mistyped code; undefined if unused. */
  findByPaymentCode(paymentCode: string): Promise<PaymentNotice | undefined>;

  /** A department's notices, newest first, in pages. Eventually consistent (an index). */
  listByDepartment(departmentId: string, options?: ListNoticesOptions): Promise<NoticePage>;

  /** A payer's notices, found by the blind index of their identifier; newest first, in pages. */
  listByPayer(payerIndex: string, options?: ListNoticesOptions): Promise<NoticePage>;

  /**
   * Records the channel's payment: `issued` → `paid`, provided the amount is the notice's and `paidAt` is before
   * `dueAt`, with a payment record claiming `paymentId` — its own item, or `commit.recordOn` — and `commit.alongside`'s
   * puts, all in one transaction. Of concurrent calls exactly one wins; the others get `AlreadyPaidError` naming the
   * winner's payment id (a replayed notification of the winner gets it too).
   */
  markPaid(payment: PaymentReport, commit?: PaymentCommit): Promise<PaymentNotice>;

  /** `issued` → `cancelled`, by the issuing department only (any other gets `notice_not_found`). */
  cancel(noticeId: string, departmentId: string, reason: string): Promise<PaymentNotice>;

  /** `issued` → `expired`, once `now` is at or after `dueAt`. */
  expire(noticeId: string, now: Date): Promise<PaymentNotice>;

  /**
   * Commits a refund against the paid amount: `paid`/`partially_refunded` → `partially_refunded` or `refunded`,
   * never letting the refunds exceed what was paid, with a refund record claiming `refundId`. `record` adds the
   * attributes of the refunds package's request to that record (they never override the ones written here).
   */
  recordRefund(
    noticeId: string,
    refundId: string,
    amountFen: number,
    record?: Readonly<Record<string, unknown>>,
  ): Promise<PaymentNotice>;

  /**
   * Gives a committed refund's amount back (`refund.released`): `partially_refunded`/`refunded` → `paid` or
   * `partially_refunded`. The refund record changes in the same transaction, conditional on its state and version
   * (`change`), so a refund is released at most once; if that condition fails, `change.refused()` is thrown.
   */
  releaseRefund(release: RefundRelease): Promise<PaymentNotice>;

  /** The notice's ledger in order, read strongly consistently; `rebuildNotice` of it equals `get`. */
  readLedger(noticeId: string): Promise<LedgerEvent[]>;
}

/** What commits with a payment (`markPaid`) beside the notice and its event. */
export interface PaymentCommit {
  /**
   * The existing item that becomes the payment record (the cashier's order), provided it is about this notice and
   * records no payment yet (else `payment_already_recorded`). Absent: the record is an item of its own.
   */
  readonly recordOn?: PaymentRecordHost;
  /** Puts that commit with the payment or not at all, built from the notice as it stands paid (its receipt). */
  readonly alongside?: (paidNotice: PaymentNotice) => Promise<readonly JoinedPut[]>;
}

/** A put only if absent on the payments table (the whole item, keys included), and the error if it is there. */
export interface JoinedPut {
  readonly item: Record<string, unknown>;
  readonly taken: () => Error;
}

/** A committed refund to give back, and the change of its refund record that commits with the release. */
export interface RefundRelease {
  readonly noticeId: string;
  readonly refundId: string;
  readonly amountFen: number;
  readonly reason: 'rejected' | 'failed';
  /** The refund record's own change: from one of `fromStates` at `version`, setting `set` (non-key attributes). */
  readonly change: {
    readonly fromStates: readonly string[];
    readonly version: number;
    readonly set: Readonly<Record<string, unknown>>;
    readonly refused: () => Error;
  };
}
