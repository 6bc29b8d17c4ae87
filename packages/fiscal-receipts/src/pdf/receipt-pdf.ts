import type { FiscalReceipt } from '../fiscal-receipt.ts';
import { formatReceiptNumber } from '../receipt-number.ts';
import { channelText, chinaTime, receiptUrls, STATUS_TEXT, yuan } from '../receipt-presentation.ts';
import { formatVerificationCode } from '../verification-code.ts';
import { CJK_FONT, ContentStream, LATIN_FONT } from './content-stream.ts';
import { addFonts } from './fonts.ts';
import { PdfFile } from './pdf-file.ts';
import { drawQrCode } from './qr-code-drawing.ts';

const A4 = { width: 595, height: 842 };
const LEFT = 56;
const VALUE_X = 230;

/**
 * The receipt as a one-page A4 PDF: every signed fact, the state and credits, the verification code, the URLs and
 * the signing key's id, and a QR code of this receipt's verification page. Pure: same receipt, same bytes.
 */
export const renderReceiptPdf = (receipt: FiscalReceipt, paymentsUrl: string): Buffer => {
  const { document } = receipt;
  const urls = receiptUrls(paymentsUrl, document.receiptNumber, receipt.verificationCode);
  const content = new ContentStream();
  let y = A4.height - 72;

  content.colour(0.7, 0.15, 0.12).text(LEFT, y, 20, '非税收入电子票据');
  content.colour(0.3, 0.3, 0.3).text(LEFT, y - 18, 10, 'Electronic receipt of non-tax revenue (fiscal receipt)');
  content.colour(0.7, 0.15, 0.12).line(LEFT, y - 28, A4.width - LEFT, y - 28, 1.2);
  y -= 56;

  const row = (labelZh: string, labelEn: string, value: string, emphasis = false) => {
    content.colour(0, 0, 0).text(LEFT, y, 11, labelZh);
    content.colour(0.35, 0.35, 0.35).text(LEFT, y - 11, 7.5, labelEn);
    content.colour(0, 0, 0).text(VALUE_X, y, emphasis ? 14 : 11, value);
    y -= 26;
  };
  const channel = channelText(document.channel);
  row('票据号码', 'Receipt number', formatReceiptNumber(document.receiptNumber), true);
  row('票据状态', 'Status', `${STATUS_TEXT[receipt.status].zh} ${STATUS_TEXT[receipt.status].en}`);
  row('缴款码', 'Payment code', formatReceiptNumber(document.paymentCode));
  row('执收单位', 'Collecting department', document.departmentId);
  row('项目编码', 'Item code', document.itemCode);
  row('项目名称', 'Item', document.itemNameZh);
  row('缴款人', 'Payer', document.payer.maskedName);
  row('证件号码', 'Payer identifier', document.payer.maskedIdentifier);
  row('金额（元）', 'Amount (CNY)', yuan(document.amountFen), true);
  row('缴款时间', 'Paid at', chinaTime(document.paidAt));
  row('缴款渠道', 'Channel', `${channel.zh} ${channel.en}`);
  row('开票时间', 'Issued at', chinaTime(document.issuedAt));
  row('财政部门', 'Finance bureau (region code)', `${document.financeBureau.regionCode} 财政部门`);
  for (const credit of receipt.credits) {
    row('红字冲销', 'Credit note (refund)', `-${yuan(credit.amountFen)}  ${chinaTime(credit.refundedAt)}`);
  }

  y -= 8;
  content.colour(0.7, 0.15, 0.12).line(LEFT, y + 12, A4.width - LEFT, y + 12, 0.6);
  const qrSize = 112;
  drawQrCode(content.colour(0, 0, 0), urls.receipt, A4.width - LEFT - qrSize, y - qrSize, qrSize);
  content.text(LEFT, y - 8, 11, '查验码 Verification code');
  content.text(LEFT, y - 26, 15, formatVerificationCode(receipt.verificationCode));
  content.text(LEFT, y - 48, 9, '查验网址 Verify at');
  content.text(LEFT, y - 60, 8, urls.verify);
  content.text(LEFT, y - 78, 9, '签名密钥 Signing key (kid)');
  content.text(LEFT, y - 90, 7, receipt.kid);
  content.text(LEFT, y - 108, 9, '公开密钥 Public keys (JWKS)');
  content.text(LEFT, y - 120, 8, urls.jwks);
  y -= 150;
  content.colour(0.3, 0.3, 0.3);
  content.text(LEFT, y, 9, '本票据由财政部门以电子签名（ES256）签发，凭票据号码与查验码可在查验网址核验真伪及状态。');
  content.text(
    LEFT,
    y - 13,
    7.5,
    'Signed by the finance bureau (ES256 JWS). Verify with the receipt number and code at the address above.',
  );

  const pdf = new PdfFile();
  const catalog = pdf.reserve();
  const pages = pdf.reserve();
  const fonts = addFonts(pdf);
  const stream = pdf.addStream('', content.toString());
  const page = pdf.add(
    `<< /Type /Page /Parent ${pages} 0 R /MediaBox [0 0 ${A4.width} ${A4.height}] ` +
      `/Resources << /Font << /${LATIN_FONT} ${fonts.latin} 0 R /${CJK_FONT} ${fonts.cjk} 0 R >> >> ` +
      `/Contents ${stream} 0 R >>`,
  );
  pdf.set(pages, `<< /Type /Pages /Kids [${page} 0 R] /Count 1 >>`);
  pdf.set(catalog, `<< /Type /Catalog /Pages ${pages} 0 R >>`);
  return pdf.toBuffer();
};
