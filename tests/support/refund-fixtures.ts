import { randomBytes } from 'node:crypto';
import type { DocumentClient } from '@platform/dynamodb';
import { generateCitizenId } from '@platform/identifiers';
import { createLogger } from '@platform/logging';
import {
  createSandboxChannel,
  type PaymentChannel,
  type SandboxChannelServer,
  startSandboxChannelServer,
} from '@platform/payment-channels';
import {
  createStaticItemCatalogue,
  DynamoDbPaymentNoticeRepository,
  issuePaymentNotice,
  type PaymentNotice,
} from '@platform/payment-notices';
import { LocalKeyWrapper, PersonalDataVault } from '@platform/personal-data';
import {
  DynamoDbRefundStore,
  FinanceOfficerRegistry,
  type Refund,
  type RefundServiceDependencies,
} from '@platform/refunds';

export const DEPARTMENT = 'bj-public-security';
/** The payer of every fixture notice. */
export const PAYER_ID_NUMBER = generateCitizenId({ region: '110105', birthDate: '1990-01-01', sequence: 1 });
const SECRET = 'refunds-test-sandbox-secret-0123456789';

/**
 * Everything a refunds test needs over one DynamoDB Local table: the notices store, the refund store, the officer
 * registry (indexed by the same vault as payers), and the real sandbox channel server with its adapter.
 */
export const createRefundWorld = async (documents: DocumentClient, tableName: string) => {
  const vault = new PersonalDataVault({ keyWrapper: new LocalKeyWrapper(randomBytes(32)), indexKey: randomBytes(32) });
  const notices = new DynamoDbPaymentNoticeRepository({
    documents,
    tableName,
    seal: (kind, value) => vault.seal(kind, value),
    payerIndex: (kind, value) => vault.blindIndex(kind, value),
  });
  const store = new DynamoDbRefundStore({ documents, tableName });
  const officers = new FinanceOfficerRegistry({
    documents,
    tableName,
    officerIndex: (idNumber) => vault.blindIndex('citizen-id', idNumber),
  });
  const server: SandboxChannelServer = await startSandboxChannelServer({
    secret: SECRET,
    notificationRetryDelaysMs: [],
  });
  const sandbox: PaymentChannel = createSandboxChannel({ baseUrl: server.baseUrl, secret: SECRET, timeoutMs: 3000 });
  const catalogue = createStaticItemCatalogue();
  const succeeded: Refund[] = [];
  const failed: Refund[] = [];
  const rejected: Refund[] = [];

  const deps = (overrides: Partial<RefundServiceDependencies> = {}): RefundServiceDependencies => ({
    notices,
    store,
    officers,
    channelFor: (channel) => (channel === 'sandbox' ? sandbox : undefined),
    now: () => new Date(),
    logger: createLogger({ write: () => {} }),
    processingQueryDelayMs: 10,
    hooks: {
      onRefundSucceeded: async (refund) => void succeeded.push(refund),
      onRefundFailed: async (refund) => void failed.push(refund),
      onRefundRejected: async (refund) => void rejected.push(refund),
    },
    ...overrides,
  });

  let sequence = 0;
  /** A finance officer of the Beijing bureau with a fresh ID number; the index is what the console would compute. */
  const grantOfficer = async (
    roles: ('refund_approver' | 'reconciler')[] = ['refund_approver'],
    region = '110000',
    idNumber: string = generateCitizenId({ region: '110105', birthDate: '1980-01-01', sequence: (sequence % 998) + 1 }),
  ) => {
    sequence += 1;
    const officer = await officers.grant({ idNumber, name: `财政${sequence}`, regionCode: region, roles });
    return { ...officer, idNumber };
  };

  const issuedNotice = (amountFen: number) =>
    issuePaymentNotice(
      {
        itemCode: '103050101',
        payer: { kind: 'natural-person', idNumber: PAYER_ID_NUMBER, name: '张三' },
        amountFen,
        dueDate: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
        description: '道路交通安全违法罚款',
      },
      DEPARTMENT,
      { catalogue, notices },
    );

  /** A notice of `amountFen`, paid through the sandbox for real: created there, paid on its pay page, recorded. */
  const paidNotice = async (amountFen: number, options: { readonly paidAtChannel?: boolean } = {}) => {
    const notice = await issuedNotice(amountFen);
    const orderNumber = `SB${randomBytes(15).toString('hex').toUpperCase()}`;
    let channelTransactionId = `sbx_never_${orderNumber}`;
    if (options.paidAtChannel !== false) {
      const instruction = await sandbox.createPayment({
        orderNumber,
        amountFen,
        subject: '道路交通安全违法罚款',
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
        returnUrl: 'http://127.0.0.1:9/return',
        notifyUrl: 'http://127.0.0.1:9/notify',
      });
      if (instruction.kind !== 'redirect') throw new Error('the sandbox pays through a redirect');
      await fetch(instruction.url, { redirect: 'manual' });
      const state = await sandbox.queryPayment(orderNumber);
      if (state.status !== 'paid' || !state.channelTransactionId) throw new Error('the sandbox did not take it');
      channelTransactionId = state.channelTransactionId;
    }
    const paid = await notices.markPaid({
      noticeId: notice.noticeId,
      paymentId: orderNumber,
      channel: 'sandbox',
      channelTransactionId,
      amountFen,
      paidAt: new Date(),
    });
    return { notice: paid as PaymentNotice, orderNumber };
  };

  /** What the sandbox itself holds as refunded for an order: the proof that no refund was made twice. */
  const refundsAtSandbox = async (orderNumber: string) => (await server.store.get(orderNumber))?.refunds ?? [];

  return {
    vault,
    notices,
    store,
    officers,
    server,
    sandbox,
    deps,
    grantOfficer,
    issuedNotice,
    paidNotice,
    refundsAtSandbox,
    hooks: { succeeded, failed, rejected },
  };
};

export type RefundWorld = Awaited<ReturnType<typeof createRefundWorld>>;
