import { DynamoDbRefundStore } from './dynamodb-refund-store.ts';
import { FinanceOfficerRegistry } from './finance-officer-registry.ts';
import { UNWIRED_REFUND_HOOKS } from './refund-dependencies.ts';
import { createRefundService, type RefundService } from './refund-service.ts';
import type { RefundRuntimeParts } from './refund-service-from-environment.ts';

/**
 * The refund service of the departments' side (the payments API): requesting and reading refunds. It reaches no
 * channel and no final state — approvals and execution run where finance officers work (the console, the scheduled
 * resume) — so it carries no channel adapter: the payments API's bundle stays free of the channels' SDKs. A call
 * that would execute a refund here is refused by the service as "channel not enabled", never silently skipped.
 */
export const departmentRefundService = (parts: Omit<RefundRuntimeParts, 'env' | 'hooks'>): RefundService =>
  createRefundService({
    notices: parts.notices,
    store: new DynamoDbRefundStore({ documents: parts.documents, tableName: parts.tableName }),
    officers: new FinanceOfficerRegistry({
      documents: parts.documents,
      tableName: parts.tableName,
      officerIndex: parts.officerIndex,
    }),
    channelFor: () => undefined,
    now: () => new Date(),
    logger: parts.logger.child({ component: 'refunds' }),
    hooks: UNWIRED_REFUND_HOOKS,
  });
