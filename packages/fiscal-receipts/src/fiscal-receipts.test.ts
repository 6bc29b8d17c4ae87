import { createKeySet } from '@platform/signing-keys';
import { CompactSign, decodeProtectedHeader, importJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { receiptNumberFor } from './receipt-number.ts';
import { ISSUED_AT, PAID_AT, paidNotice, receiptsForTest } from './test-support/receipt-fixtures.ts';
import { verificationCodeOf } from './verification-code.ts';

const base64url = (text: string) => Buffer.from(text).toString('base64url');

describe('issuing a receipt', () => {
  it('signs every printed fact with the current ES256 key', async () => {
    const { receipts, keySet } = await receiptsForTest();
    const receipt = await receipts.issueReceipt(paidNotice());
    const current = keySet.keys.find((key) => key.alg === 'ES256' && key.state === 'current');
    expect(receipt.kid).toBe(current?.kid);
    expect(decodeProtectedHeader(receipt.signedReceipt)).toEqual({
      alg: 'ES256',
      kid: current?.kid,
      typ: 'fiscal-receipt+jws',
    });
    expect(receipt.document).toEqual({
      version: 1,
      receiptNumber: receiptNumberFor(paidNotice()),
      noticeId: 'AAAAAAAAAAAAAAAAAAAAAA',
      paymentCode: paidNotice().paymentCode,
      departmentId: 'bj-public-security',
      itemCode: '103050101',
      itemNameZh: '公安罚没收入（道路交通安全违法罚款）',
      payer: { kind: 'natural-person', maskedName: '张*', maskedIdentifier: '110***********001X' },
      amountFen: 10_000,
      paidAt: PAID_AT,
      channel: 'sandbox',
      issuedAt: ISSUED_AT.toISOString(),
      financeBureau: { regionCode: '110000' },
    });
    expect(receipt.verificationCode).toBe(verificationCodeOf(receipt.signedReceipt));
    expect(receipt).toMatchObject({ status: 'issued', creditedFen: 0, credits: [] });
  });

  it('is idempotent: a second issue returns the stored receipt, not a new signature', async () => {
    const { receipts } = await receiptsForTest();
    const first = await receipts.issueReceipt(paidNotice());
    const again = await Promise.all([receipts.issueReceipt(paidNotice()), receipts.issueReceipt(paidNotice())]);
    expect(again.map((receipt) => receipt.signedReceipt)).toEqual([first.signedReceipt, first.signedReceipt]);
  });

  it('is refused for a notice that is not paid', async () => {
    const { receipts } = await receiptsForTest();
    const { payment: _payment, ...unpaid } = paidNotice({ status: 'issued', paidFen: 0 });
    await expect(receipts.issueReceipt(unpaid)).rejects.toMatchObject({ code: 'notice_not_paid' });
  });
});

describe('verifying a receipt', () => {
  it('by number and code: valid, with the masked summary', async () => {
    const { receipts } = await receiptsForTest();
    const receipt = await receipts.issueReceipt(paidNotice());
    const result = await receipts.verifyWithCode(receipt.document.receiptNumber, receipt.verificationCode);
    expect(result).toMatchObject({ valid: true, reasons: [], status: 'issued', kid: receipt.kid });
    expect(result.receipt).toMatchObject({ amountFen: 10_000, payer: { maskedName: '张*' } });
    expect(result.receipt).not.toHaveProperty('noticeId');
  });

  it('by number with a wrong code: invalid, and nothing else disclosed', async () => {
    const { receipts } = await receiptsForTest();
    const receipt = await receipts.issueReceipt(paidNotice());
    const result = await receipts.verifyWithCode(receipt.document.receiptNumber, '0000000000000000');
    expect(result).toEqual({ valid: false, reasons: ['verification_code_mismatch'] });
    expect(await receipts.verifyWithCode('110000202500000000000000', receipt.verificationCode)).toEqual({
      valid: false,
      reasons: ['receipt_not_found'],
    });
  });

  it('by the signed receipt: valid only if it is the JWS on record', async () => {
    const { receipts, keys } = await receiptsForTest();
    const receipt = await receipts.issueReceipt(paidNotice());
    expect(await receipts.verifySignedReceipt(receipt.signedReceipt)).toMatchObject({ valid: true, status: 'issued' });

    // A second, genuinely signed JWS of the same document is not the receipt on record.
    const signer = await keys.signingKey();
    const [header, payload] = receipt.signedReceipt.split('.');
    const resigned = await new CompactSign(Buffer.from(payload as string, 'base64url'))
      .setProtectedHeader(JSON.parse(Buffer.from(header as string, 'base64url').toString()))
      .sign(signer.key);
    expect(await receipts.verifySignedReceipt(resigned)).toMatchObject({ valid: false, reasons: ['not_on_record'] });
  });

  it('detects an altered payload, a foreign key, another type and garbage', async () => {
    const { receipts } = await receiptsForTest();
    const receipt = await receipts.issueReceipt(paidNotice());
    const [header, , signature] = receipt.signedReceipt.split('.');
    const altered = { ...receipt.document, amountFen: 1 };
    const forged = `${header}.${base64url(JSON.stringify(altered))}.${signature}`;
    expect(await receipts.verifySignedReceipt(forged)).toEqual({ valid: false, reasons: ['signature_invalid'] });

    const stranger = (await createKeySet(new Date())).keys.find(
      (key) => key.alg === 'ES256' && key.state === 'current',
    );
    const foreign = await new CompactSign(new TextEncoder().encode('{}'))
      .setProtectedHeader({ alg: 'ES256', kid: stranger?.kid as string, typ: 'fiscal-receipt+jws' })
      .sign(await importJWK(stranger?.privateJwk ?? {}, 'ES256'));
    expect(await receipts.verifySignedReceipt(foreign)).toEqual({ valid: false, reasons: ['unknown_key'] });

    const credit = `${base64url(JSON.stringify({ alg: 'ES256', kid: receipt.kid, typ: 'fiscal-credit-note+jws' }))}.e30.${signature}`;
    expect(await receipts.verifySignedReceipt(credit)).toEqual({ valid: false, reasons: ['wrong_type'] });
    expect(await receipts.verifySignedReceipt('not a jws')).toEqual({ valid: false, reasons: ['malformed'] });
  });

  it('detects a tampered record: document, status or credits changed in the store', async () => {
    const { receipts, store } = await receiptsForTest();
    const receipt = await receipts.issueReceipt(paidNotice());
    const number = receipt.document.receiptNumber;
    const check = () => receipts.verifyWithCode(number, receipt.verificationCode);

    store.overwrite({ ...receipt, document: { ...receipt.document, amountFen: 99_999 } });
    expect(await check()).toMatchObject({ valid: false, reasons: ['record_tampered'] });

    store.overwrite({ ...receipt, status: 'voided' });
    expect(await check()).toMatchObject({ valid: false, reasons: ['record_tampered'] });

    store.overwrite(receipt);
    const credited = await receipts.creditReceipt('AAAAAAAAAAAAAAAAAAAAAA', {
      refundId: 'R1',
      amountFen: 2_000,
      refundedAt: PAID_AT,
    });
    const [credit] = credited.credits;
    store.overwrite({
      ...credited,
      credits: [{ ...(credit as (typeof credited.credits)[number]), amountFen: 1 }],
      creditedFen: 1,
    });
    expect(await check()).toMatchObject({ valid: false, reasons: ['credit_note_invalid'] });
  });
});

describe('crediting a receipt on refund', () => {
  const refund = (refundId: string, amountFen: number) => ({ refundId, amountFen, refundedAt: '2025-03-02T01:00:00Z' });

  it('records signed credit notes: partially credited, then voided at the amount paid', async () => {
    const { receipts } = await receiptsForTest();
    const receipt = await receipts.issueReceipt(paidNotice());
    const partial = await receipts.creditReceipt('AAAAAAAAAAAAAAAAAAAAAA', refund('R1', 3_000));
    expect(partial).toMatchObject({ status: 'partially_credited', creditedFen: 3_000 });
    expect(partial.credits[0]).toMatchObject({
      refundId: 'R1',
      amountFen: 3_000,
      refundedAt: '2025-03-02T01:00:00.000Z',
      receiptNumber: receipt.document.receiptNumber,
    });
    const voided = await receipts.creditReceipt('AAAAAAAAAAAAAAAAAAAAAA', refund('R2', 7_000));
    expect(voided).toMatchObject({ status: 'voided', creditedFen: 10_000 });
    expect(voided.signedReceipt).toBe(receipt.signedReceipt);
    expect(await receipts.verifyWithCode(receipt.document.receiptNumber, receipt.verificationCode)).toMatchObject({
      valid: true,
      status: 'voided',
      receipt: { creditedFen: 10_000 },
    });
  });

  it('is idempotent per refund id, also under concurrency', async () => {
    const { receipts } = await receiptsForTest();
    await receipts.issueReceipt(paidNotice());
    const results = await Promise.all(
      [1, 2, 3].map(() => receipts.creditReceipt('AAAAAAAAAAAAAAAAAAAAAA', refund('R1', 3_000))),
    );
    expect(results.map((receipt) => receipt.creditedFen)).toEqual([3_000, 3_000, 3_000]);
    const stored = await receipts.findByNotice(paidNotice());
    expect(stored?.credits).toHaveLength(1);
  });

  it('never credits more than was paid', async () => {
    const { receipts } = await receiptsForTest();
    await receipts.issueReceipt(paidNotice());
    await receipts.creditReceipt('AAAAAAAAAAAAAAAAAAAAAA', refund('R1', 6_000));
    await expect(receipts.creditReceipt('AAAAAAAAAAAAAAAAAAAAAA', refund('R2', 4_001))).rejects.toMatchObject({
      code: 'credit_exceeds_receipt',
    });
    await expect(receipts.creditReceipt('AAAAAAAAAAAAAAAAAAAAAA', refund('R3', 0))).rejects.toMatchObject({
      code: 'invalid_credit',
    });
  });

  it('issues the missing receipt of a paid notice before crediting it; refuses unknown notices', async () => {
    const { receipts } = await receiptsForTest();
    const credited = await receipts.creditReceipt('AAAAAAAAAAAAAAAAAAAAAA', refund('R1', 10_000));
    expect(credited).toMatchObject({ status: 'voided', creditedFen: 10_000 });
    await expect(receipts.creditReceipt('BBBBBBBBBBBBBBBBBBBBBB', refund('R1', 1))).rejects.toMatchObject({
      code: 'receipt_not_found',
    });
  });
});

describe('the published keys', () => {
  it('are the public ES256 keys only', async () => {
    const { receipts } = await receiptsForTest();
    const jwks = await receipts.jwks();
    expect(jwks.keys.length).toBe(2);
    for (const key of jwks.keys) {
      expect(key).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
      expect(key).not.toHaveProperty('d');
    }
  });
});
