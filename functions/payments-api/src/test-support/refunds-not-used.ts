import type { RefundService } from '@platform/refunds';

const notUsed = () => Promise.reject(new Error('refunds are not used by this test: pass `refunds` to createTestApi'));

/** The default of `createTestApi`: route tests of refunds pass a real service over DynamoDB Local instead. */
export const refundsNotUsed: RefundService = {
  requestRefund: notUsed,
  getDepartmentRefund: notUsed,
  listNoticeRefunds: notUsed,
  listRefundsAwaitingApproval: notUsed,
  approveRefund: notUsed,
  rejectRefund: notUsed,
  executeRefund: notUsed,
  resumePendingRefunds: notUsed,
};
