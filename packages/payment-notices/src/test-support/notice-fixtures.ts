import { generateCitizenId } from '@platform/identifiers';
import { noticeIssuedEvent } from '../issued-notice.ts';
import type { NoticeIssuedEvent } from '../ledger-event.ts';
import type { NoticeRequest } from '../notice-request.ts';
import { generatePaymentCode } from '../payment-code.ts';
import { SEEDED_NON_TAX_ITEMS } from '../static-item-catalogue.ts';

export const ISSUED_AT = '2025-03-01T02:00:00.000Z';

/** The `notice.issued` of a 100-yuan traffic fine due 2025-03-31, for pure tests. */
export const issuedEvent = (noticeId = 'AAAAAAAAAAAAAAAAAAAAAA', amountFen = 10_000): NoticeIssuedEvent => {
  const item = SEEDED_NON_TAX_ITEMS[0];
  if (!item) throw new Error('no seeded items');
  const request = {
    departmentId: item.departmentId,
    item,
    payer: { kind: 'natural-person', citizenId: generateCitizenId(), name: '张三' },
    amountFen,
    dueDate: '2025-03-31',
    dueAt: '2025-03-31T16:00:00.000Z',
    description: '交通违法罚款',
    metadata: { caseNumber: 'JJ-2025-0001' },
  } as unknown as NoticeRequest;
  return noticeIssuedEvent({
    request,
    noticeId,
    paymentCode: generatePaymentCode(item.regionCode, () => 1),
    payer: {
      kind: 'natural-person',
      index: 'index-of-the-payer',
      sealedIdentifier: 'v1.citizen-id.sealed',
      sealedName: 'v1.name.sealed',
      maskedIdentifier: '110***********001X',
      maskedName: '张*',
    },
    issuedAt: ISSUED_AT,
  });
};
