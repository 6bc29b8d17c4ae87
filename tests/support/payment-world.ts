import { randomBytes } from 'node:crypto';
import type { DocumentClient } from '@platform/dynamodb';
import { generateCitizenId } from '@platform/identifiers';
import {
  createStaticItemCatalogue,
  DynamoDbPaymentNoticeRepository,
  issuePaymentNotice,
  type LedgerEvent,
  type PaymentNotice,
} from '@platform/payment-notices';
import {
  type CheckoutChannelId,
  type CheckoutOrder,
  DynamoDbCheckoutStore,
  orderNumberFor,
} from '@platform/payment-orders';
import { LocalKeyWrapper, PersonalDataVault } from '@platform/personal-data';

/**
 * The payments context's storage side, real and wired as the functions wire it (notices repository with a vault,
 * checkout store), for integration tests and the payments benchmark: issue notices, record orders, read ledgers.
 */
export interface PaymentWorld {
  readonly notices: DynamoDbPaymentNoticeRepository;
  readonly store: DynamoDbCheckoutStore;
  /** Issues a traffic fine of `amountFen` (2 000 – 20 000 000; the last two digits drive the sandbox) due in `days`. */
  issue(amountFen: number, days?: number): Promise<PaymentNotice>;
  /** Records the order the cashier would record before creating the channel payment. */
  recordOrder(
    notice: PaymentNotice,
    options?: { channel?: CheckoutChannelId; orderNumber?: string },
  ): Promise<CheckoutOrder>;
  paidEvents(noticeId: string): Promise<LedgerEvent[]>;
}

const DEPARTMENT = 'bj-public-security';

export const createPaymentWorld = (options: {
  readonly documents: DocumentClient;
  readonly tableName: string;
  readonly now?: () => Date;
}): PaymentWorld => {
  const vault = new PersonalDataVault({ keyWrapper: new LocalKeyWrapper(randomBytes(32)), indexKey: randomBytes(32) });
  const catalogue = createStaticItemCatalogue();
  const now = options.now ?? (() => new Date());
  const notices = new DynamoDbPaymentNoticeRepository({
    documents: options.documents,
    tableName: options.tableName,
    seal: (kind, value) => vault.seal(kind, value),
    payerIndex: (kind, value) => vault.blindIndex(kind, value),
    now,
  });
  const store = new DynamoDbCheckoutStore({ documents: options.documents, tableName: options.tableName });
  let sequence = 0;
  return {
    notices,
    store,
    issue: (amountFen, days = 14) => {
      sequence = (sequence % 999) + 1;
      const dueDate = new Date(now().getTime() + days * 86_400_000).toISOString().slice(0, 10);
      return issuePaymentNotice(
        {
          itemCode: '103050101',
          payer: {
            kind: 'natural-person',
            idNumber: generateCitizenId({ region: '110105', birthDate: '1988-08-08', sequence }),
            name: '张三丰',
          },
          amountFen,
          dueDate,
          description: '道路交通安全违法行为罚款',
          metadata: { decisionNumber: `110105-2025-${String(sequence).padStart(6, '0')}` },
        },
        DEPARTMENT,
        { catalogue, notices, now },
      );
    },
    recordOrder: (notice, { channel = 'sandbox', orderNumber = orderNumberFor(notice.noticeId, channel) } = {}) =>
      store.recordOrder({
        orderNumber,
        noticeId: notice.noticeId,
        channel,
        amountFen: notice.amountFen,
        createdAt: now().toISOString(),
      }),
    paidEvents: async (noticeId) =>
      (await notices.readLedger(noticeId)).filter((event) => event.type === 'notice.paid'),
  };
};
