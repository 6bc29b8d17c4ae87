import type { DepartmentEvent, DepartmentEventPublisher } from '@platform/department-webhooks';
import type { LedgerEvent, PaymentNoticeRepository } from '@platform/payment-notices';

/**
 * `notice.paid` for the department, from the notice's ledger: the id is `${noticeId}:${sequence of the paid event}`,
 * so a redelivered channel notification publishes the very same event again (the department dedupes on the id).
 * No personal data: the payer stays out of it.
 */
export const noticePaidEvent = (ledger: readonly LedgerEvent[]): DepartmentEvent | undefined => {
  const issued = ledger.find((event) => event.type === 'notice.issued');
  const paid = ledger.find((event) => event.type === 'notice.paid');
  if (issued?.type !== 'notice.issued' || paid?.type !== 'notice.paid') return undefined;
  return {
    id: `${paid.noticeId}:${paid.sequence}`,
    type: 'notice.paid',
    departmentId: issued.notice.departmentId,
    noticeId: paid.noticeId,
    occurredAt: paid.occurredAt,
    data: {
      paymentId: paid.paymentId,
      channel: paid.channel,
      channelTransactionId: paid.channelTransactionId,
      amountFen: paid.amountFen,
      paidAt: paid.paidAt,
      itemCode: issued.notice.itemCode,
    },
  };
};

/** Reads the ledger (one consistent query) and publishes; a throw leaves the notification unacknowledged. */
export const publishNoticePaid = async (
  deps: { readonly notices: PaymentNoticeRepository; readonly events: DepartmentEventPublisher },
  noticeId: string,
): Promise<void> => {
  const event = noticePaidEvent(await deps.notices.readLedger(noticeId));
  if (!event) throw new Error(`Notice ${noticeId} has no notice.paid event to publish.`);
  await deps.events.publish(event);
};
