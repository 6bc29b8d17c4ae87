import { generatePaymentCode, type PaymentNotice } from '@platform/payment-notices';
import { createKeySet, type KeySet } from '@platform/signing-keys';
import { FiscalReceipts } from '../fiscal-receipts.ts';
import { InMemoryFiscalReceiptStore } from '../in-memory-fiscal-receipt-store.ts';
import { keySetReceiptKeys } from '../receipt-signing-keys.ts';

export const PAID_AT = '2025-03-01T02:30:00.000Z';
export const ISSUED_AT = new Date('2025-03-01T02:30:01.000Z');

/** A 100-yuan traffic fine paid through the sandbox, as the notice store holds it (payer masked and sealed). */
export const paidNotice = (overrides: Partial<PaymentNotice> = {}, random = 1_234_567_890_123): PaymentNotice => ({
  noticeId: 'AAAAAAAAAAAAAAAAAAAAAA',
  paymentCode: generatePaymentCode('110000', () => random),
  departmentId: 'bj-public-security',
  itemCode: '103050101',
  itemNameZh: '公安罚没收入（道路交通安全违法罚款）',
  regionCode: '110000',
  payer: {
    kind: 'natural-person',
    index: 'index-of-the-payer',
    sealedIdentifier: 'v1.citizen-id.sealed',
    sealedName: 'v1.name.sealed',
    maskedIdentifier: '110***********001X',
    maskedName: '张*',
  },
  amountFen: 10_000,
  dueDate: '2025-03-31',
  dueAt: '2025-03-31T16:00:00.000Z',
  description: '交通违法罚款',
  metadata: {},
  issuedAt: '2025-03-01T02:00:00.000Z',
  status: 'paid',
  paidFen: 10_000,
  refundedFen: 0,
  payment: { paymentId: 'PAY1', channel: 'sandbox', channelTransactionId: 'SBX-1', paidAt: PAID_AT },
  sequence: 2,
  updatedAt: PAID_AT,
  ...overrides,
});

/** One key set for a whole test file: generating one (RSA 2048 included) takes a few hundred milliseconds. */
let sharedKeySet: Promise<KeySet> | undefined;

/** Receipts over an in-memory store and a fresh key set, with a notice lookup over `notices`. */
export const receiptsForTest = async (notices: readonly PaymentNotice[] = [paidNotice()], keySet?: KeySet) => {
  sharedKeySet ??= createKeySet(new Date('2025-01-01T00:00:00Z'));
  const set = keySet ?? (await sharedKeySet);
  const store = new InMemoryFiscalReceiptStore();
  const keys = keySetReceiptKeys({ load: async () => set });
  const receipts = new FiscalReceipts({
    store,
    keys,
    notices: { get: async (id) => notices.find((notice) => notice.noticeId === id) },
    now: () => ISSUED_AT,
  });
  return { receipts, store, keys, keySet: set };
};
