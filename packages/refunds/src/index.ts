export { type ActingOfficer, approveRefund, rejectRefund } from './approve-refund.ts';
export { type ChannelRefundOutcome, refundThroughChannel } from './channel-refund-outcome.ts';
export { departmentRefundService } from './department-refund-service.ts';
export { DynamoDbRefundStore } from './dynamodb-refund-store.ts';
export { executeRefund } from './execute-refund.ts';
export {
  coversRegion,
  type FinanceOfficer,
  isOfficerRole,
  OFFICER_ROLES,
  type OfficerGrant,
  type OfficerGrantInput,
  type OfficerRole,
  parseOfficerGrant,
  parseOfficerIdNumber,
} from './finance-officer.ts';
export { FinanceOfficerRegistry, type FinanceOfficerRegistryOptions } from './finance-officer-registry.ts';
export {
  isFinalRefundState,
  REFUND_STATES,
  REQUIRED_APPROVALS,
  type Refund,
  type RefundApproval,
  type RefundExecution,
  type RefundFailure,
  type RefundRejection,
  type RefundSettlement,
  type RefundState,
} from './refund.ts';
export {
  decideApproval,
  decideExecutionPending,
  decideExecutionStart,
  decideFailure,
  decideHooksDone,
  decideRejection,
  decideSuccess,
} from './refund-decisions.ts';
export {
  type OfficerAuthority,
  type RefundHooks,
  type RefundServiceDependencies,
  UNWIRED_REFUND_HOOKS,
} from './refund-dependencies.ts';
export { RefundError, type RefundErrorCode } from './refund-errors.ts';
export { type ReceiptCrediter, type RefundHookParts, refundEvent, refundHooks } from './refund-hooks.ts';
export { refundHooksFromEnvironment } from './refund-hooks-from-environment.ts';
export { fromRefundItem, refundItemKey, toRefundItem, type WorkQueue } from './refund-item.ts';
export { getDepartmentRefund, listNoticeRefunds, listRefundsAwaitingApproval } from './refund-queries.ts';
export { isRefundId, newRefundId, parseRefundRequest, type RefundRequest } from './refund-request.ts';
export { createRefundService, type RefundService } from './refund-service.ts';
export { type RefundRuntimeParts, refundServiceFromEnvironment } from './refund-service-from-environment.ts';
export { type RefundStore, RefundWriteConflict } from './refund-store.ts';
export { canRefundTransition, REFUND_TRANSITIONS, type RefundTransition } from './refund-transitions.ts';
export { requestRefund } from './request-refund.ts';
export { type ResumeReport, resumePendingRefunds } from './resume-pending-refunds.ts';
export { runRefundHooks } from './run-refund-hooks.ts';
