import type { NoticeIssuedEvent } from './ledger-event.ts';
import type { NoticeRequest } from './notice-request.ts';
import type { PaymentCode } from './payment-code.ts';
import type { RecordedPayer } from './payment-notice.ts';

export interface IssuedNoticeParts {
  readonly request: NoticeRequest;
  readonly noticeId: string;
  readonly paymentCode: PaymentCode;
  readonly payer: RecordedPayer;
  readonly issuedAt: string;
}

/** The first event of a notice's ledger, holding the notice as issued. */
export const noticeIssuedEvent = ({ request, noticeId, paymentCode, payer, issuedAt }: IssuedNoticeParts) =>
  ({
    type: 'notice.issued',
    noticeId,
    sequence: 1,
    occurredAt: issuedAt,
    notice: {
      noticeId,
      paymentCode,
      departmentId: request.departmentId,
      itemCode: request.item.itemCode,
      itemNameZh: request.item.nameZh,
      regionCode: request.item.regionCode,
      payer,
      amountFen: request.amountFen,
      dueDate: request.dueDate,
      dueAt: request.dueAt,
      description: request.description,
      metadata: request.metadata,
      issuedAt,
      status: 'issued',
      paidFen: 0,
      refundedFen: 0,
      sequence: 1,
      updatedAt: issuedAt,
    },
  }) satisfies NoticeIssuedEvent;
