import { randomBytes } from 'node:crypto';
import { createDocumentClient } from '@platform/dynamodb';
import {
  DynamoDbFiscalReceiptStore,
  type FiscalReceipt,
  FiscalReceipts,
  keySetReceiptKeys,
  receiptKeyStoreFromEnvironment,
} from '@platform/fiscal-receipts';
import {
  createStaticItemCatalogue,
  DynamoDbPaymentNoticeRepository,
  issuePaymentNotice,
} from '@platform/payment-notices';
import { LocalKeyWrapper, PersonalDataVault } from '@platform/personal-data';
import { compactVerify, createLocalJWKSet, type JSONWebKeySet } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RuntimeProcess, startLocalRuntime, untilWarm } from '../support/local-runtime-process.ts';

/**
 * A payer's receipt as `npm start` serves it: a notice is issued, the payer pays it in the sandbox
 * channel, a receipt is issued for the paid notice (here by calling the receipts package against the runtime's
 * DynamoDB, as the payment flow will), and then over HTTP the payer opens the receipt page and downloads the PDF
 * with the printed code, and anyone verifies it — through the API, and offline with the published JWKS.
 */
describe('fiscal receipts through the local runtime', () => {
  let runtime: RuntimeProcess;
  let payments: string;
  let receipt: FiscalReceipt;

  beforeAll(async () => {
    runtime = await startLocalRuntime();
    payments = runtime.endpoints.payments;
    const env = { DYNAMODB_ENDPOINT: runtime.endpoints.dynamodb, AWS_REGION: 'local' };
    const documents = createDocumentClient(env);
    const tableName = runtime.endpoints.tables.PAYMENTS_TABLE as string;
    // The notice is issued straight into the runtime's table (the payments API's own e2e covers issuing), so this
    // test does not wait on the identity provider's cold start for a department token.
    const vault = new PersonalDataVault({
      keyWrapper: new LocalKeyWrapper(randomBytes(32)),
      indexKey: randomBytes(32),
    });
    const notices = new DynamoDbPaymentNoticeRepository({
      documents,
      tableName,
      seal: (kind, value) => vault.seal(kind, value),
      payerIndex: (kind, value) => vault.blindIndex(kind, value),
    });
    const notice = await issuePaymentNotice(
      {
        itemCode: '103050101',
        amountFen: 12_300,
        dueDate: '2099-12-31',
        description: '道路交通安全违法罚款',
        payer: { kind: 'natural-person', idNumber: '11010519491231002X', name: '张三' },
      },
      'bj-public-security',
      { catalogue: createStaticItemCatalogue(), notices },
    );
    // Paid as a payer does: the cashier page, its sandbox button, then the sandbox's pay page.
    expect((await untilWarm(() => fetch(`${payments}/pay/${notice.paymentCode}`))).status).toBe(200);
    const started = await fetch(`${payments}/pay/${notice.paymentCode}/sandbox`, {
      method: 'POST',
      redirect: 'manual',
    });
    expect(started.status, await started.clone().text()).toBe(303);
    const sandboxPaid = await untilWarm(() => fetch(started.headers.get('location') as string, { redirect: 'manual' }));
    expect(sandboxPaid.status, await sandboxPaid.clone().text()).toBe(303);

    const receipts = new FiscalReceipts({
      store: new DynamoDbFiscalReceiptStore({ documents, tableName }),
      // The same key file the receipts function reads (LOCAL_STATE_DIR of the runtime).
      keys: keySetReceiptKeys(receiptKeyStoreFromEnvironment({ LOCAL_STATE_DIR: runtime.stateDir }).store),
      notices,
    });
    const id = notice.noticeId;
    const deadline = Date.now() + 15_000;
    let paid = await notices.get(id);
    while (paid?.status !== 'paid' && Date.now() < deadline) {
      await new Promise((wait) => setTimeout(wait, 200));
      paid = await notices.get(id);
    }
    expect(paid?.status).toBe('paid');
    receipt = await receipts.issueReceipt(paid as NonNullable<typeof paid>);
    expect((await untilWarm(() => fetch(`${payments}/v1/receipts/keys`))).status).toBe(200);
  });

  afterAll(async () => {
    await runtime?.stop();
  });

  const receiptUrl = (suffix = '', query: Record<string, string> = {}) =>
    `${payments}/receipts/${receipt.document.receiptNumber}${suffix}${Object.keys(query).length ? `?${new URLSearchParams(query)}` : ''}`;

  it('shows nothing of the receipt for its number alone, and all of it with the printed code', async () => {
    const bare = await fetch(receiptUrl());
    expect(bare.status).toBe(200);
    const form = await bare.text();
    expect(form).toContain('name="code"');
    expect(form).not.toContain('张*');

    const wrong = await fetch(receiptUrl('', { code: '0000-0000-0000-0000' }));
    expect(wrong.status).toBe(404);

    const page = await fetch(receiptUrl('', { code: receipt.verificationCode }), {
      headers: { 'accept-language': 'en' },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('Verified');
    expect(html).toContain('123.00');
    expect(html).toContain('张*');
    expect(html).not.toContain('11010519491231002X');
  });

  it('serves the PDF as binary, intact through the gateway, and its signature verifies offline', async () => {
    const response = await fetch(receiptUrl('/pdf', { code: receipt.verificationCode }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await response.arrayBuffer());
    const text = pdf.toString('latin1');
    expect(text.startsWith('%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n')).toBe(true);
    expect(text.endsWith('%%EOF\n')).toBe(true);
    const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)?.[1]);
    expect(text.slice(startxref, startxref + 4)).toBe('xref');
    expect(text).toContain(`(${receipt.kid})`);

    const jwks = (await (await fetch(`${payments}/v1/receipts/keys`)).json()) as JSONWebKeySet;
    const { payload, protectedHeader } = await compactVerify(receipt.signedReceipt, createLocalJWKSet(jwks));
    expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: receipt.kid, typ: 'fiscal-receipt+jws' });
    expect(JSON.parse(new TextDecoder().decode(payload))).toMatchObject({
      receiptNumber: receipt.document.receiptNumber,
      amountFen: 12_300,
    });
  });

  it('verifies through the API by number and code, and by the signed receipt', async () => {
    const ask = async (body: unknown) =>
      (await fetch(`${payments}/v1/receipts/verifications`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      }).then((response) => response.json())) as Record<string, unknown>;
    expect(
      await ask({ receiptNumber: receipt.document.receiptNumber, verificationCode: receipt.verificationCode }),
    ).toMatchObject({ valid: true, status: 'issued', reasons: [] });
    expect(await ask({ signedReceipt: receipt.signedReceipt })).toMatchObject({ valid: true, status: 'issued' });
    expect(await ask({ signedReceipt: `${receipt.signedReceipt.slice(0, -6)}AAAAAA` })).toMatchObject({
      valid: false,
    });
  });
});
