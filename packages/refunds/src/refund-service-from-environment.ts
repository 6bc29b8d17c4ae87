import type { DocumentClient } from '@platform/dynamodb';
import type { Logger } from '@platform/logging';
import type { PaymentNoticeRepository } from '@platform/payment-notices';
import { channelRegistryFromEnvironment, isCheckoutChannel } from '@platform/payment-orders';
import { DynamoDbRefundStore } from './dynamodb-refund-store.ts';
import { FinanceOfficerRegistry } from './finance-officer-registry.ts';
import type { RefundHooks } from './refund-dependencies.ts';
import { createRefundService, type RefundService } from './refund-service.ts';

export interface RefundRuntimeParts {
  readonly env: NodeJS.ProcessEnv;
  readonly documents: DocumentClient;
  /** The payments table (`PAYMENTS_TABLE`). */
  readonly tableName: string;
  readonly notices: PaymentNoticeRepository;
  /** The payments vault's blind index of a citizen ID number: `(id) => vault.blindIndex('citizen-id', id)`. */
  readonly officerIndex: (idNumber: string) => string;
  readonly logger: Logger;
  /** Receipt crediting, department events: `UNWIRED_REFUND_HOOKS` until they are wired. */
  readonly hooks: RefundHooks;
}

/**
 * The refund service as a function runs it: the refund store and officer registry on the payments table, and the
 * channels enabled by the environment (`@platform/payment-orders`, the same adapters the cashier pays through).
 */
export const refundServiceFromEnvironment = (parts: RefundRuntimeParts): RefundService => {
  const channels = channelRegistryFromEnvironment(parts.env);
  return createRefundService({
    notices: parts.notices,
    store: new DynamoDbRefundStore({ documents: parts.documents, tableName: parts.tableName }),
    officers: new FinanceOfficerRegistry({
      documents: parts.documents,
      tableName: parts.tableName,
      officerIndex: parts.officerIndex,
    }),
    channelFor: (channel) => (isCheckoutChannel(channel) ? channels.get(channel)?.adapter : undefined),
    now: () => new Date(),
    logger: parts.logger.child({ component: 'refunds' }),
    hooks: parts.hooks,
  });
};
