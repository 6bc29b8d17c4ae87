import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DocumentClient, GetCommand, QueryCommand, UpdateCommand } from '@platform/dynamodb';
import {
  DynamoDbFiscalReceiptStore,
  FiscalReceipts,
  keySetReceiptKeys,
  receiptKey,
  receiptKeyStoreFromEnvironment,
  receiptNumberFor,
} from '@platform/fiscal-receipts';
import { generateCitizenId } from '@platform/identifiers';
import {
  canonicalJson,
  createStaticItemCatalogue,
  DynamoDbPaymentNoticeRepository,
  issuePaymentNotice,
  type PaymentNotice,
} from '@platform/payment-notices';
import { LocalKeyWrapper, PersonalDataVault } from '@platform/personal-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestStorage, type TestStorage } from '../support/dynamodb.ts';

/** Counts write requests (each put/update is one item here), by wrapping `send`. */
const countingWrites = (documents: DocumentClient) => {
  const counter = { writes: 0 };
  const proxy = new Proxy(documents, {
    get(target, property, receiver) {
      if (property !== 'send') return Reflect.get(target, property, receiver);
      return (command: { constructor: { name: string } }, ...rest: unknown[]) => {
        if (['PutCommand', 'UpdateCommand', 'TransactWriteCommand'].includes(command.constructor.name)) {
          counter.writes += 1;
        }
        return (target.send as (...args: unknown[]) => Promise<unknown>)(command, ...rest);
      };
    },
  });
  return { documents: proxy, counter };
};

let storage: TestStorage;
let stateDir: string;
let notices: DynamoDbPaymentNoticeRepository;
let receipts: FiscalReceipts;
let counted: ReturnType<typeof countingWrites>;

const dueIn = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** A real notice on the table, issued and paid through the notice store as the cashier does. */
const paidNotice = async (amountFen = 20_000): Promise<PaymentNotice> => {
  const issued = await issuePaymentNotice(
    {
      itemCode: '103050101',
      payer: { kind: 'natural-person', idNumber: generateCitizenId(), name: '张三丰' },
      amountFen,
      dueDate: dueIn(14),
      description: '道路交通安全违法行为罚款',
    },
    'bj-public-security',
    { catalogue: createStaticItemCatalogue(), notices },
  );
  const paymentId = `pay-${randomBytes(6).toString('hex')}`;
  return notices.markPaid({
    noticeId: issued.noticeId,
    paymentId,
    channel: 'sandbox',
    channelTransactionId: `sbx-${paymentId}`,
    amountFen,
    paidAt: new Date(),
  });
};

const payloadOf = (jws: string): string => Buffer.from(jws.split('.')[1] ?? '', 'base64url').toString('utf8');

const storedItem = async (receiptNumber: string) =>
  (
    await storage.documents.send(
      new GetCommand({ TableName: storage.tableNames.payments, Key: receiptKey(receiptNumber), ConsistentRead: true }),
    )
  ).Item;

beforeAll(async () => {
  storage = await createTestStorage();
  stateDir = await mkdtemp(join(tmpdir(), 'receipts-'));
  const vault = new PersonalDataVault({ keyWrapper: new LocalKeyWrapper(randomBytes(32)), indexKey: randomBytes(32) });
  notices = new DynamoDbPaymentNoticeRepository({
    documents: storage.documents,
    tableName: storage.tableNames.payments,
    seal: (kind, value) => vault.seal(kind, value),
    payerIndex: (kind, value) => vault.blindIndex(kind, value),
  });
  counted = countingWrites(storage.documents);
  receipts = new FiscalReceipts({
    store: new DynamoDbFiscalReceiptStore({ documents: counted.documents, tableName: storage.tableNames.payments }),
    keys: keySetReceiptKeys(receiptKeyStoreFromEnvironment({ LOCAL_STATE_DIR: stateDir }).store),
    notices,
  });
});

afterAll(async () => {
  await rm(stateDir, { recursive: true, force: true });
});

describe('issuing receipts on DynamoDB Local', () => {
  it('issues once under concurrency: one item, one conditional put per call, every caller gets the stored receipt', async () => {
    const notice = await paidNotice();
    const before = counted.counter.writes;
    const results = await Promise.all(Array.from({ length: 8 }, () => receipts.issueReceipt(notice)));
    expect(counted.counter.writes - before).toBe(8);
    const signatures = new Set(results.map((receipt) => receipt.signedReceipt));
    expect(signatures.size).toBe(1);
    const receiptNumber = receiptNumberFor(notice);
    const items = await storage.documents.send(
      new QueryCommand({
        TableName: storage.tableNames.payments,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': `RECEIPT#${receiptNumber}` },
        ConsistentRead: true,
      }),
    );
    expect(items.Items).toHaveLength(1);
    expect(items.Items?.[0]).toMatchObject({ entity: 'fiscal-receipt', noticeId: notice.noticeId, status: 'issued' });
    expect(items.Items?.[0]?.signedReceipt).toBe([...signatures][0]);
    expect(await receipts.findByNotice(notice)).toEqual(results[0]);
    expect(await receipts.verifyWithCode(receiptNumber, results[0]?.verificationCode as string)).toMatchObject({
      valid: true,
      status: 'issued',
      receipt: { amountFen: 20_000, payer: { maskedName: '张**' } },
    });
  });

  it('keeps the local receipt key set in a file only its owner can read', async () => {
    const mode = (await stat(join(stateDir, 'keys', 'receipt-key-set.json'))).mode & 0o777;
    expect(mode).toBe(0o600);
  });

  it('keeps the payer in clear nowhere in the receipt item', async () => {
    const notice = await paidNotice();
    const receipt = await receipts.issueReceipt(notice);
    const item = await storedItem(receipt.document.receiptNumber);
    // The document is stored once, as the signed receipt's payload.
    expect(item).not.toHaveProperty('document');
    const text = `${JSON.stringify(item)}${payloadOf(String(item?.signedReceipt))}`;
    expect(text).not.toContain('张三丰');
    expect(text).toContain('张**');
  });
});

describe('crediting receipts on refund', () => {
  it('partially credits, ignores a replayed refund, voids at the amount paid', async () => {
    const notice = await paidNotice(10_000);
    const receipt = await receipts.issueReceipt(notice);
    const refund = (refundId: string, amountFen: number) => ({
      refundId,
      amountFen,
      refundedAt: new Date().toISOString(),
    });
    const concurrent = await Promise.all([
      receipts.creditReceipt(notice.noticeId, refund('R-1', 2_500)),
      receipts.creditReceipt(notice.noticeId, refund('R-1', 2_500)),
      receipts.creditReceipt(notice.noticeId, refund('R-2', 2_500)),
    ]);
    expect(concurrent.every((result) => result.status === 'partially_credited')).toBe(true);
    const partial = await receipts.findByNumber(receipt.document.receiptNumber);
    expect(partial).toMatchObject({ status: 'partially_credited', creditedFen: 5_000 });
    expect(partial?.credits.map((credit) => credit.refundId).sort()).toEqual(['R-1', 'R-2']);

    await expect(receipts.creditReceipt(notice.noticeId, refund('R-3', 5_001))).rejects.toMatchObject({
      code: 'credit_exceeds_receipt',
    });
    const voided = await receipts.creditReceipt(notice.noticeId, refund('R-3', 5_000));
    expect(voided).toMatchObject({ status: 'voided', creditedFen: 10_000 });
    expect(await receipts.verifyWithCode(receipt.document.receiptNumber, receipt.verificationCode)).toMatchObject({
      valid: true,
      status: 'voided',
      reasons: [],
    });
    expect(await receipts.verifySignedReceipt(receipt.signedReceipt)).toMatchObject({ valid: true, status: 'voided' });
  });
});

describe('tampering with the stored record', () => {
  const tamper = async (receiptNumber: string, update: string, values: Record<string, unknown>) =>
    storage.documents.send(
      new UpdateCommand({
        TableName: storage.tableNames.payments,
        Key: receiptKey(receiptNumber),
        UpdateExpression: update,
        ExpressionAttributeValues: values,
        ExpressionAttributeNames: update.includes('#status') ? { '#status': 'status' } : undefined,
      }),
    );

  it('is detected: a changed amount or payer breaks the signature, a changed status the record', async () => {
    const notice = await paidNotice();
    const receipt = await receipts.issueReceipt(notice);
    const number = receipt.document.receiptNumber;
    const check = () => receipts.verifyWithCode(number, receipt.verificationCode);
    expect(await check()).toMatchObject({ valid: true });

    // The document's only copy is the JWS payload: changing a fact there breaks the signature.
    const [header, payload, signature] = receipt.signedReceipt.split('.');
    for (const change of [{ amountFen: 1 }, { payer: { ...receipt.document.payer, maskedName: '李*' } }]) {
      const altered = canonicalJson({ ...JSON.parse(payloadOf(receipt.signedReceipt)), ...change });
      await tamper(number, 'SET signedReceipt = :jws', {
        ':jws': `${header}.${Buffer.from(altered).toString('base64url')}.${signature}`,
      });
      expect(await check()).toMatchObject({ valid: false, reasons: ['signature_invalid'] });
      expect(await receipts.verifySignedReceipt(receipt.signedReceipt)).toMatchObject({
        valid: false,
        reasons: ['not_on_record'],
      });
    }

    await tamper(number, 'SET signedReceipt = :jws, #status = :status', {
      ':jws': `${header}.${payload}.${signature}`,
      ':status': 'voided',
    });
    expect(await check()).toMatchObject({ valid: false, reasons: ['record_tampered'], status: 'voided' });

    await tamper(number, 'SET #status = :status', { ':status': 'issued' });
    expect(await check()).toMatchObject({ valid: true, reasons: [] });
  });

  it('is detected when the signed receipt is swapped for another genuine one', async () => {
    const [first, second] = await Promise.all([paidNotice(), paidNotice()]);
    const a = await receipts.issueReceipt(first);
    const b = await receipts.issueReceipt(second);
    await tamper(a.document.receiptNumber, 'SET signedReceipt = :jws, verificationCode = :code', {
      ':jws': b.signedReceipt,
      ':code': b.verificationCode,
    });
    expect(await receipts.verifyWithCode(a.document.receiptNumber, b.verificationCode)).toMatchObject({
      valid: false,
      reasons: ['record_tampered'],
    });
    expect(await receipts.verifySignedReceipt(a.signedReceipt)).toMatchObject({
      valid: false,
      reasons: ['not_on_record'],
    });
  });
});
