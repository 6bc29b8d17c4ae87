import { randomBytes } from 'node:crypto';
import {
  createDocumentClient,
  type DocumentClient,
  ScanCommand,
  StorageUnavailableError,
  standardRetryPolicy,
} from '@platform/dynamodb';
import { generateCitizenId, generateUscc } from '@platform/identifiers';
import {
  AlreadyPaidError,
  type CatalogueItem,
  createStaticItemCatalogue,
  DynamoDbPaymentNoticeRepository,
  type DynamoDbPaymentNoticeRepositoryOptions,
  formatPaymentCode,
  issuePaymentNotice,
  type PaymentNotice,
  PaymentNoticeError,
  rebuildNotice,
  SEEDED_NON_TAX_ITEMS,
  settledIndexKeys,
} from '@platform/payment-notices';
import { LocalKeyWrapper, PersonalDataVault } from '@platform/personal-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { createTestStorage, type TestStorage } from '../support/dynamodb.ts';

/** Counts the items each DynamoDB request writes (a transaction counts each of its items), by wrapping `send`. */
const countingDocuments = (documents: DocumentClient) => {
  const counter = { writes: 0 };
  const writesOf = (command: { constructor: { name: string }; input: Record<string, unknown> }): number => {
    const name = command.constructor.name;
    if (name === 'TransactWriteCommand') return (command.input.TransactItems as unknown[]).length;
    return ['PutCommand', 'UpdateCommand', 'DeleteCommand'].includes(name) ? 1 : 0;
  };
  const proxy = new Proxy(documents, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver);
      return (command: Parameters<typeof writesOf>[0], ...rest: unknown[]) => {
        counter.writes += writesOf(command);
        return (target.send as (...args: unknown[]) => Promise<unknown>)(command, ...rest);
      };
    },
  });
  return { documents: proxy, counter };
};

const DEPARTMENT = 'bj-public-security';
const LAND_OFFICE = 'sh-natural-resources';
const NOW = new Date();
const dueIn = (days: number) => new Date(NOW.getTime() + days * 86_400_000).toISOString().slice(0, 10);

let storage: TestStorage;
let vault: PersonalDataVault;
let counted: ReturnType<typeof countingDocuments>;
let notices: DynamoDbPaymentNoticeRepository;
const catalogue = createStaticItemCatalogue();

const repository = (options: Partial<DynamoDbPaymentNoticeRepositoryOptions> = {}) =>
  new DynamoDbPaymentNoticeRepository({
    documents: counted.documents,
    tableName: storage.tableNames.payments,
    seal: (kind, value) => vault.seal(kind, value),
    payerIndex: (kind, value) => vault.blindIndex(kind, value),
    ...options,
  });

const citizen = (sequence = 1) => generateCitizenId({ region: '110105', birthDate: '1988-08-08', sequence });

const fineRequest = (overrides: Record<string, unknown> = {}) => ({
  itemCode: '103050101',
  payer: { kind: 'natural-person', idNumber: citizen(), name: '张三丰' },
  amountFen: 20_000,
  dueDate: dueIn(14),
  description: '道路交通安全违法行为罚款（闯红灯）',
  metadata: { decisionNumber: '110105-2025-000123' },
  ...overrides,
});

const issue = (input: unknown, departmentId = DEPARTMENT, repo = notices) =>
  issuePaymentNotice(input, departmentId, { catalogue, notices: repo });

const payment = (notice: PaymentNotice, paymentId = `pay-${randomBytes(6).toString('hex')}`) => ({
  noticeId: notice.noticeId,
  paymentId,
  channel: 'sandbox',
  channelTransactionId: `sbx-${paymentId}`,
  amountFen: notice.amountFen,
  paidAt: new Date(),
});

const allItems = async (): Promise<Record<string, unknown>[]> => {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await storage.documents.send(
      new ScanCommand({ TableName: storage.tableNames.payments, ConsistentRead: true, ExclusiveStartKey }),
    );
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
};

const expectLedgerMatches = async (noticeId: string) => {
  const stored = await notices.get(noticeId);
  expect(rebuildNotice(await notices.readLedger(noticeId))).toEqual(stored);
  return stored;
};

beforeAll(async () => {
  storage = await createTestStorage();
  vault = new PersonalDataVault({ keyWrapper: new LocalKeyWrapper(randomBytes(32)), indexKey: randomBytes(32) });
  counted = countingDocuments(storage.documents);
  notices = repository();
});

describe('issuing a notice', () => {
  it('stores it with a payment code, finds it by id, by code (as printed) and in both listings', async () => {
    const idNumber = citizen(7);
    const issued = await issue(fineRequest({ payer: { kind: 'natural-person', idNumber, name: '张三丰' } }));
    expect(issued).toMatchObject({
      status: 'issued',
      amountFen: 20_000,
      departmentId: DEPARTMENT,
      itemCode: '103050101',
      sequence: 1,
      paidFen: 0,
      refundedFen: 0,
      payer: { kind: 'natural-person', maskedIdentifier: `110***********${idNumber.slice(-4)}`, maskedName: '张**' },
    });
    expect(issued.paymentCode).toMatch(/^110000\d{14}$/);

    expect(await notices.get(issued.noticeId)).toEqual(issued);
    expect(await notices.findByPaymentCode(formatPaymentCode(issued.paymentCode))).toEqual(issued);
    const byDepartment = await notices.listByDepartment(DEPARTMENT, { limit: 100 });
    expect(byDepartment.notices.map((notice) => notice.noticeId)).toContain(issued.noticeId);
    const byPayer = await notices.listByPayer(vault.blindIndex('citizen-id', idNumber));
    expect(byPayer.notices).toEqual([issued]);
    await expectLedgerMatches(issued.noticeId);
  });

  it('keeps the payer identifier and name only sealed: nowhere in the table in clear', async () => {
    const uscc = generateUscc({ organisationBody: 'MA01ABCD' });
    const name = '北京某某科技有限公司';
    const issued = await issue(fineRequest({ payer: { kind: 'legal-person', uscc, name } }));
    const raw = JSON.stringify(await allItems());
    expect(raw).not.toContain(uscc);
    expect(raw).not.toContain(name);
    expect(await vault.open(issued.payer.sealedIdentifier as `v1.${string}`, 'uscc')).toBe(uscc);
    expect(await vault.open(issued.payer.sealedName as `v1.${string}`, 'name')).toBe(name);
    expect(issued.payer.maskedName).toBe('北京******公司');
  });

  it('writes 3 items in one transaction, and paying writes 3 more: never more than 4 per operation', async () => {
    const before = counted.counter.writes;
    const issued = await issue(fineRequest());
    expect(counted.counter.writes - before).toBe(3);
    const beforePayment = counted.counter.writes;
    const paid = payment(issued);
    await notices.markPaid(paid);
    expect(counted.counter.writes - beforePayment).toBe(3);
    // The payment record is reconciliation's platform side: in the settled index of its channel and day.
    const record = (await allItems()).find((item) => item.pk === `PAYMENT#${paid.paymentId}`);
    expect(record).toMatchObject({
      ...settledIndexKeys('sandbox', 'payment', paid.paymentId, paid.paidAt.toISOString()),
      kind: 'payment',
      orderNumber: paid.paymentId,
      channel: 'sandbox',
      channelTransactionId: paid.channelTransactionId,
      amountFen: 20_000,
      noticeId: issued.noticeId,
      departmentId: DEPARTMENT,
      itemCode: '103050101',
      settledAt: paid.paidAt.toISOString(),
    });
    const beforeRefund = counted.counter.writes;
    await notices.recordRefund(issued.noticeId, `refund-${issued.noticeId}`, 5_000);
    expect(counted.counter.writes - beforeRefund).toBeLessThanOrEqual(4);
  });

  it('draws again when the payment code is taken, so codes stay unique', async () => {
    const draws = [4_242, 4_242, 777];
    const colliding = repository({ drawRandom: () => draws.shift() ?? 1 });
    const first = await issue(fineRequest(), DEPARTMENT, colliding);
    const second = await issue(fineRequest(), DEPARTMENT, colliding);
    expect(first.paymentCode.slice(6, 19)).toBe('0000000004242');
    expect(second.paymentCode.slice(6, 19)).toBe('0000000000777');
    expect(await notices.findByPaymentCode(first.paymentCode)).toMatchObject({ noticeId: first.noticeId });
    expect(await notices.findByPaymentCode(second.paymentCode)).toMatchObject({ noticeId: second.noticeId });
  });

  it.each([
    ['a fractional amount', { amountFen: 200.5 }, 'amount_not_integer', 'amountFen'],
    ['a zero amount', { amountFen: 0 }, 'amount_not_positive', 'amountFen'],
    ['a huge amount', { amountFen: 10 ** 15 }, 'amount_too_large', 'amountFen'],
    ['an amount as a string', { amountFen: '20000' }, 'amount_not_integer', 'amountFen'],
    ['an unknown item code', { itemCode: '103999999' }, 'unknown_item_code', 'itemCode'],
    [
      'an invalid ID number',
      { payer: { kind: 'natural-person', idNumber: '110105198808080010', name: '张三' } },
      'citizen_id_check_digit',
      'payer.idNumber',
    ],
    [
      'an invalid USCC',
      { payer: { kind: 'legal-person', uscc: '91110000600037341A', name: '某公司' } },
      'uscc_check_character',
      'payer.uscc',
    ],
  ])('refuses %s with its code and field, and writes nothing', async (_, change, code, field) => {
    const itemsBefore = (await allItems()).length;
    const writesBefore = counted.counter.writes;
    const refusal = await issue(fineRequest(change)).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(PaymentNoticeError);
    expect(refusal).toMatchObject({ code, field });
    expect(counted.counter.writes).toBe(writesBefore);
    expect((await allItems()).length).toBe(itemsBefore);
  });
});

describe('paying a notice', () => {
  it('of 50 concurrent payments exactly one wins; the others learn the winner; the ledger has one notice.paid', async () => {
    const issued = await issue(fineRequest());
    const attempts = Array.from({ length: 50 }, (_, i) => payment(issued, `race-${issued.noticeId}-${i}`));
    const outcomes = await Promise.allSettled(attempts.map((attempt) => notices.markPaid(attempt)));

    const winners = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    expect(winners).toHaveLength(1);
    const winner = (winners[0] as PromiseFulfilledResult<PaymentNotice>).value;
    const winningId = winner.payment?.paymentId;
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') {
        expect(outcome.reason).toBeInstanceOf(AlreadyPaidError);
        expect(outcome.reason.paymentId).toBe(winningId);
      }
    }
    const ledger = await notices.readLedger(issued.noticeId);
    expect(ledger.filter((event) => event.type === 'notice.paid')).toHaveLength(1);
    expect(await expectLedgerMatches(issued.noticeId)).toMatchObject({ status: 'paid', paidFen: 20_000 });

    // The winner's notification delivered again is told it already won.
    const replay = attempts.find((attempt) => attempt.paymentId === winningId);
    await expect(notices.markPaid(replay as (typeof attempts)[number])).rejects.toMatchObject({ paymentId: winningId });
  });

  it('refuses another amount, a payment after the due instant, and a payment id used on another notice', async () => {
    const issued = await issue(fineRequest());
    await expect(notices.markPaid({ ...payment(issued), amountFen: 19_999 })).rejects.toMatchObject({
      code: 'amount_mismatch',
    });
    await expect(notices.markPaid({ ...payment(issued), paidAt: new Date(issued.dueAt) })).rejects.toMatchObject({
      code: 'notice_past_due',
    });
    const other = await issue(fineRequest());
    const paid = payment(other);
    await notices.markPaid(paid);
    await expect(notices.markPaid({ ...payment(issued), paymentId: paid.paymentId })).rejects.toMatchObject({
      code: 'payment_already_recorded',
    });
    expect(await expectLedgerMatches(issued.noticeId)).toMatchObject({ status: 'issued', sequence: 1 });
  });

  it('answers notice_not_found for an unknown notice', async () => {
    await expect(
      notices.markPaid({ ...payment((await issue(fineRequest())) as PaymentNotice), noticeId: 'A'.repeat(22) }),
    ).rejects.toMatchObject({ code: 'notice_not_found' });
  });
});

describe('refunds', () => {
  const smallItem = SEEDED_NON_TAX_ITEMS.find((item) => item.departmentId === LAND_OFFICE) as CatalogueItem;

  it('20 concurrent refunds of 30 fen against 100 fen paid never exceed what was paid', async () => {
    const issued = await issue(fineRequest({ itemCode: smallItem.itemCode, amountFen: 100 }), LAND_OFFICE);
    await notices.markPaid(payment(issued));
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => notices.recordRefund(issued.noticeId, `refund-${issued.noticeId}-${i}`, 30)),
    );
    const granted = outcomes.filter((outcome) => outcome.status === 'fulfilled');
    expect(granted).toHaveLength(3);
    for (const outcome of outcomes) {
      if (outcome.status === 'rejected') expect(outcome.reason).toMatchObject({ code: 'refund_exceeds_paid' });
    }
    const stored = await expectLedgerMatches(issued.noticeId);
    expect(stored).toMatchObject({ status: 'partially_refunded', paidFen: 100, refundedFen: 90 });
    const refunds = (await notices.readLedger(issued.noticeId)).filter((event) => event.type === 'refund.requested');
    expect(refunds.reduce((sum, event) => sum + (event.type === 'refund.requested' ? event.amountFen : 0), 0)).toBe(90);

    const grantedIndex = outcomes.findIndex((outcome) => outcome.status === 'fulfilled');
    await expect(
      notices.recordRefund(issued.noticeId, `refund-${issued.noticeId}-${grantedIndex}`, 5),
    ).rejects.toMatchObject({
      code: 'refund_already_recorded',
    });
    expect(await notices.recordRefund(issued.noticeId, `refund-${issued.noticeId}-last`, 10)).toMatchObject({
      status: 'refunded',
      refundedFen: 100,
    });
    await expect(notices.recordRefund(issued.noticeId, `refund-${issued.noticeId}-more`, 1)).rejects.toMatchObject({
      code: 'notice_state_conflict',
      currentStatus: 'refunded',
    });
    await expectLedgerMatches(issued.noticeId);
  });

  it('refuses a refund of an unpaid notice', async () => {
    const issued = await issue(fineRequest());
    await expect(notices.recordRefund(issued.noticeId, `refund-${issued.noticeId}`, 100)).rejects.toMatchObject({
      code: 'notice_state_conflict',
      currentStatus: 'issued',
    });
  });
});

describe('cancelling and expiring', () => {
  it('refuses to cancel a paid notice', async () => {
    const issued = await issue(fineRequest());
    await notices.markPaid(payment(issued));
    await expect(notices.cancel(issued.noticeId, DEPARTMENT, '开具错误')).rejects.toMatchObject({
      code: 'notice_state_conflict',
      currentStatus: 'paid',
    });
    expect(await expectLedgerMatches(issued.noticeId)).toMatchObject({ status: 'paid', sequence: 2 });
  });

  it('lets the issuing department cancel an unpaid notice, which then can not be paid', async () => {
    const issued = await issue(fineRequest());
    await expect(notices.cancel(issued.noticeId, LAND_OFFICE, '开具错误')).rejects.toMatchObject({
      code: 'notice_not_found',
    });
    const cancelled = await notices.cancel(issued.noticeId, DEPARTMENT, '开具错误');
    expect(cancelled).toMatchObject({ status: 'cancelled', cancellation: { reason: '开具错误' } });
    await expect(notices.markPaid(payment(issued))).rejects.toMatchObject({
      code: 'notice_state_conflict',
      currentStatus: 'cancelled',
    });
    await expectLedgerMatches(issued.noticeId);
  });

  it('expires an issued notice only once its due date has passed', async () => {
    const issued = await issue(fineRequest({ dueDate: dueIn(1) }));
    await expect(notices.expire(issued.noticeId, new Date())).rejects.toMatchObject({ code: 'notice_not_yet_due' });
    const expired = await notices.expire(issued.noticeId, new Date(issued.dueAt));
    expect(expired).toMatchObject({ status: 'expired', expiredAt: expect.any(String) });
    await expect(notices.expire(issued.noticeId, new Date(issued.dueAt))).rejects.toMatchObject({
      code: 'notice_state_conflict',
    });
    await expectLedgerMatches(issued.noticeId);
  });
});

describe('listings', () => {
  const department = `list-${randomBytes(4).toString('hex')}`;
  const listCatalogue = createStaticItemCatalogue([
    { ...(SEEDED_NON_TAX_ITEMS[0] as CatalogueItem), departmentId: department },
  ]);

  it('pages newest first with opaque cursors, filters by status, and refuses foreign or forged cursors', async () => {
    const issued: PaymentNotice[] = [];
    for (let i = 0; i < 5; i += 1) {
      issued.push(await issuePaymentNotice(fineRequest(), department, { catalogue: listCatalogue, notices }));
    }
    await notices.cancel((issued[1] as PaymentNotice).noticeId, department, '重复开具');

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await notices.listByDepartment(department, { limit: 2, ...(cursor ? { cursor } : {}) });
      expect(page.notices.length).toBeLessThanOrEqual(2);
      seen.push(...page.notices.map((notice) => notice.noticeId));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(issued.map((notice) => notice.noticeId).reverse());

    const cancelled = await notices.listByDepartment(department, { status: 'cancelled', limit: 10 });
    expect(cancelled.notices.map((notice) => notice.noticeId)).toEqual([(issued[1] as PaymentNotice).noticeId]);

    const firstPage = await notices.listByDepartment(department, { limit: 2 });
    await expect(
      notices.listByDepartment(DEPARTMENT, { cursor: firstPage.nextCursor as string }),
    ).rejects.toMatchObject({ code: 'invalid_cursor' });
    await expect(notices.listByDepartment(department, { cursor: 'bm90LWEtY3Vyc29y' })).rejects.toMatchObject({
      code: 'invalid_cursor',
    });
    await expect(notices.listByDepartment(department, { limit: 0 })).rejects.toMatchObject({ code: 'invalid_limit' });
  });
});

describe('storage failures', () => {
  it('surface as StorageUnavailableError, never as an SDK type', async () => {
    const unreachable = createDocumentClient(
      { DYNAMODB_ENDPOINT: 'http://127.0.0.1:9' },
      { retry: standardRetryPolicy(1) },
    );
    const offline = repository({ documents: unreachable });
    await expect(offline.get('A'.repeat(22))).rejects.toBeInstanceOf(StorageUnavailableError);
    await expect(issue(fineRequest(), DEPARTMENT, offline)).rejects.toBeInstanceOf(StorageUnavailableError);
  });
});
