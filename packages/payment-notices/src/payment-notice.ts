import type { NoticeStatus } from './notice-status.ts';
import type { PayerKind } from './payer.ts';
import type { PaymentCode } from './payment-code.ts';

/**
 * The payer as a notice keeps them: no identifier or name in clear. The sealed values open only through the
 * personal-data vault; `index` (a blind index of the identifier) finds a payer's notices; the masked forms are what
 * pages and receipts show.
 */
export interface RecordedPayer {
  readonly kind: PayerKind;
  readonly index: string;
  readonly sealedIdentifier: string;
  readonly sealedName: string;
  readonly maskedIdentifier: string;
  readonly maskedName: string;
}

export interface NoticePayment {
  readonly paymentId: string;
  /** The channel's id: `sandbox`, `alipay`, `wechatpay`, `unionpay`. */
  readonly channel: string;
  /** The channel's own transaction number, what its daily statement carries. */
  readonly channelTransactionId: string;
  readonly paidAt: string;
}

export interface NoticeCancellation {
  readonly reason: string;
  readonly cancelledAt: string;
}

/**
 * A payment notice (缴款通知书) as it stands now: the fold of its ledger (`rebuildNotice`). Amounts are integer fen;
 * instants are ISO 8601 UTC strings (`toISOString`), which compare correctly as strings.
 */
export interface PaymentNotice {
  readonly noticeId: string;
  readonly paymentCode: PaymentCode;
  readonly departmentId: string;
  readonly itemCode: string;
  readonly itemNameZh: string;
  readonly regionCode: string;
  readonly payer: RecordedPayer;
  readonly amountFen: number;
  /** The last day to pay, a calendar date in China, as the department gave it. */
  readonly dueDate: string;
  /** The end of `dueDate` in China (the next midnight, UTC+8): paying is possible strictly before this instant. */
  readonly dueAt: string;
  readonly description: string;
  readonly metadata: Readonly<Record<string, string>>;
  readonly issuedAt: string;
  readonly status: NoticeStatus;
  readonly paidFen: number;
  /** Refunds committed so far; never more than `paidFen`. */
  readonly refundedFen: number;
  readonly payment?: NoticePayment;
  readonly cancellation?: NoticeCancellation;
  readonly expiredAt?: string;
  /** Sequence number of the last ledger event folded in: the notice's version. */
  readonly sequence: number;
  readonly updatedAt: string;
}
