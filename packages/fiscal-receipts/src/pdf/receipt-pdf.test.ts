import { describe, expect, it } from 'vitest';
import { formatReceiptNumber } from '../receipt-number.ts';
import { paidNotice, receiptsForTest } from '../test-support/receipt-fixtures.ts';
import { formatVerificationCode } from '../verification-code.ts';
import { expectWellFormedPdf } from './pdf-file.test.ts';
import { pdfLiteral, pdfUcs2Hex } from './pdf-strings.ts';
import { renderReceiptPdf } from './receipt-pdf.ts';

const receiptFor = async () => {
  const { receipts } = await receiptsForTest();
  return { receipts, receipt: await receipts.issueReceipt(paidNotice()) };
};

describe('the receipt PDF', () => {
  it('is a well-formed one-page PDF 1.4 with Helvetica and STSong-Light (UniGB-UCS2-H), nothing embedded', async () => {
    const { receipt } = await receiptFor();
    const pdf = renderReceiptPdf(receipt, 'https://pay.example.gov.cn/');
    expectWellFormedPdf(pdf);
    const text = pdf.toString('latin1');
    expect(text).toContain('/BaseFont /STSong-Light /Encoding /UniGB-UCS2-H');
    expect(text).toContain('/BaseFont /Helvetica');
    expect(text).toContain('/Count 1');
    expect(text).not.toContain('/FontFile');
  });

  it('prints every fact, the verification code, the URLs and the key id', async () => {
    const { receipt } = await receiptFor();
    const text = renderReceiptPdf(receipt, 'https://pay.example.gov.cn').toString('latin1');
    const { document } = receipt;
    for (const latin of [
      formatReceiptNumber(document.receiptNumber),
      formatReceiptNumber(document.paymentCode),
      document.departmentId,
      document.itemCode,
      '110***********001X',
      '100.00',
      '2025-03-01 10:30:00 (UTC+8)',
      formatVerificationCode(receipt.verificationCode),
      'https://pay.example.gov.cn/receipts/verify',
      'https://pay.example.gov.cn/v1/receipts/keys',
      receipt.kid,
    ]) {
      expect(text, latin).toContain(pdfLiteral(latin));
    }
    for (const chinese of [
      '非税收入电子票据',
      document.itemNameZh,
      '张*',
      '查验码 Verification code',
      '110000 财政部门',
    ]) {
      expect(text, chinese).toContain(pdfUcs2Hex(chinese));
    }
    // The QR code: filled rectangles.
    expect(text.match(/ re f/g)?.length ?? 0).toBeGreaterThan(50);
  });

  it('shows credits and the voided state', async () => {
    const { receipts } = await receiptFor();
    const voided = await receipts.creditReceipt('AAAAAAAAAAAAAAAAAAAAAA', {
      refundId: 'R1',
      amountFen: 10_000,
      refundedAt: '2025-03-02T01:00:00Z',
    });
    const text = renderReceiptPdf(voided, 'https://pay.example.gov.cn').toString('latin1');
    expectWellFormedPdf(Buffer.from(text, 'latin1'));
    expect(text).toContain(pdfUcs2Hex('已全额红字冲销（作废） Voided (refunded in full)'));
    expect(text).toContain('(-100.00  2025-03-02 09:00:00 \\(UTC+8\\))');
  });
});
