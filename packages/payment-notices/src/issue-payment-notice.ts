import type { ItemCatalogue } from './item-catalogue.ts';
import { parseNoticeRequest } from './notice-request.ts';
import type { PaymentNotice } from './payment-notice.ts';
import type { PaymentNoticeRepository } from './payment-notice-repository.ts';

export interface IssuePaymentNoticeDependencies {
  readonly catalogue: ItemCatalogue;
  readonly notices: PaymentNoticeRepository;
  readonly now?: () => Date;
}

/**
 * What the issuing endpoint does with a department's request body: check every field, then store. A refusal
 * (`PaymentNoticeError` with its code and field) comes before any write, so a bad request leaves no trace.
 */
export const issuePaymentNotice = async (
  input: unknown,
  departmentId: string,
  { catalogue, notices, now = () => new Date() }: IssuePaymentNoticeDependencies,
): Promise<PaymentNotice> => notices.issue(await parseNoticeRequest(input, { departmentId, catalogue, now: now() }));
