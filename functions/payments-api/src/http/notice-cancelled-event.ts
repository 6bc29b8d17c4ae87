import type { PaymentsApiDependencies } from '../api-dependencies.ts';

/**
 * `notice.cancelled` for the department's webhooks, from the notice's ledger: the id is
 * `${noticeId}:${sequence of the cancellation}`, so publishing again (a retried cancel whose first publish failed)
 * repeats the same event, which departments dedupe. Nothing when no publisher is configured or the notice was not
 * cancelled by this department.
 */
export const publishNoticeCancelled = async (
  deps: Pick<PaymentsApiDependencies, 'events' | 'notices'>,
  noticeId: string,
  departmentId: string,
): Promise<void> => {
  if (!deps.events) return;
  const cancelled = (await deps.notices.readLedger(noticeId)).find((event) => event.type === 'notice.cancelled');
  if (cancelled?.type !== 'notice.cancelled' || cancelled.departmentId !== departmentId) return;
  await deps.events.publish({
    id: `${noticeId}:${cancelled.sequence}`,
    type: 'notice.cancelled',
    departmentId,
    noticeId,
    occurredAt: cancelled.occurredAt,
    data: { reason: cancelled.reason },
  });
};
