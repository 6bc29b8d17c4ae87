import {
  channelText,
  chinaTime,
  type FiscalReceipt,
  formatReceiptNumber,
  formatVerificationCode,
  type ReceiptSummary,
  type ReceiptVerification,
  STATUS_TEXT,
  type VerificationReason,
  yuan,
} from '@platform/fiscal-receipts';
import { html, type SafeHtml } from '@platform/html';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { Bilingual, Language } from '../language.ts';
import { page, say } from './layout.ts';

const REASONS: Readonly<Record<VerificationReason, Bilingual>> = {
  receipt_not_found: { zh: '没有此号码的票据。', en: 'No receipt has this number.' },
  verification_code_mismatch: { zh: '查验码不符。', en: 'The verification code does not match.' },
  malformed: { zh: '签名票据格式不正确。', en: 'The signed receipt is not well formed.' },
  wrong_type: { zh: '这不是电子票据的签名。', en: 'This is not a signed receipt.' },
  unknown_key: {
    zh: '签名密钥不是财政部门公布的密钥。',
    en: 'The signing key is not one the finance bureau publishes.',
  },
  signature_invalid: { zh: '签名无效：内容已被改动。', en: 'The signature is invalid: the content was altered.' },
  not_on_record: {
    zh: '签名有效，但平台没有这张票据的记录。',
    en: 'The signature verifies, but the platform has no record of this receipt.',
  },
  record_tampered: { zh: '平台记录与签名不一致。', en: 'The platform’s record does not match the signature.' },
  credit_note_invalid: { zh: '红字冲销记录的签名无效。', en: 'A credit note’s signature is invalid.' },
};

const T = {
  receipt: { zh: '非税收入电子票据', en: 'Electronic fiscal receipt' },
  enterCode: { zh: '请输入查验码', en: 'Enter the verification code' },
  codeHelp: {
    zh: '查验码印在票据上（16位字母数字）。仅凭票据号码不能查看票据。',
    en: 'The verification code is printed on the receipt (16 letters and digits). The number alone does not open a receipt.',
  },
  number: { zh: '票据号码', en: 'Receipt number' },
  code: { zh: '查验码', en: 'Verification code' },
  show: { zh: '查看票据', en: 'Show the receipt' },
  notFound: {
    zh: '没有与此号码和查验码相符的票据。',
    en: 'No receipt matches this number and verification code.',
  },
  verify: { zh: '票据查验', en: 'Verify a receipt' },
  verified: {
    zh: '验证通过：财政部门签名有效，且与平台记录一致。',
    en: 'Verified: the finance bureau’s signature is valid and matches the platform’s record.',
  },
  notVerified: { zh: '验证未通过', en: 'Not verified' },
  status: { zh: '票据状态', en: 'Status' },
  paymentCode: { zh: '缴款码', en: 'Payment code' },
  department: { zh: '执收单位', en: 'Collecting department' },
  itemCode: { zh: '项目编码', en: 'Item code' },
  item: { zh: '项目名称', en: 'Item' },
  payer: { zh: '缴款人', en: 'Payer' },
  payerId: { zh: '证件号码', en: 'Payer identifier' },
  amount: { zh: '金额（元）', en: 'Amount (CNY)' },
  paidAt: { zh: '缴款时间', en: 'Paid at' },
  channel: { zh: '缴款渠道', en: 'Channel' },
  issuedAt: { zh: '开票时间', en: 'Issued at' },
  bureau: { zh: '财政部门（行政区划）', en: 'Finance bureau (region code)' },
  credits: { zh: '红字冲销', en: 'Credit notes (refunds)' },
  kid: { zh: '签名密钥', en: 'Signing key (kid)' },
  pdf: { zh: '下载 PDF', en: 'Download PDF' },
  signed: {
    zh: '签名票据（JWS），可用公开密钥离线验证',
    en: 'Signed receipt (JWS), verifiable offline with the public keys',
  },
  jwks: { zh: '公开密钥（JWKS）', en: 'Public keys (JWKS)' },
  byNumber: { zh: '按票据号码和查验码查验', en: 'By receipt number and verification code' },
  bySignature: { zh: '按签名票据（JWS）查验', en: 'By the signed receipt (JWS)' },
  signedReceipt: { zh: '签名票据', en: 'Signed receipt' },
  check: { zh: '查验', en: 'Verify' },
  invalidInput: { zh: '输入有误：', en: 'Please check your input: ' },
} as const satisfies Record<string, Bilingual>;

const otherLanguage = (language: Language, path: string, query: Record<string, string> = {}) => ({
  href: `${path}?${new URLSearchParams({ ...query, lang: language === 'zh' ? 'en' : 'zh' })}`,
});

const codeForm = (language: Language, receiptNumber: string): SafeHtml => html`
<form method="get" action="/receipts/${receiptNumber}">
<input type="hidden" name="lang" value="${language}">
<label for="code">${say(language, T.code)}</label>
<input id="code" name="code" required autocomplete="off" maxlength="32" placeholder="XXXX-XXXX-XXXX-XXXX">
<button type="submit">${say(language, T.show)}</button>
</form>`;

/** The number alone opens nothing: without a code, this form is all there is (no lookup is made). */
export const codeFormPage = (
  language: Language,
  receiptNumber: string,
  problem?: string,
): APIGatewayProxyStructuredResultV2 =>
  page(
    problem ? 400 : 200,
    language,
    T.enterCode,
    html`${problem ? html`<p class="alert" role="alert">${say(language, T.invalidInput)}${problem}</p>` : ''}
<p>${say(language, T.number)}: <strong>${formatReceiptNumber(receiptNumber)}</strong></p>
<p class="muted">${say(language, T.codeHelp)}</p>${codeForm(language, receiptNumber)}`,
    otherLanguage(language, `/receipts/${receiptNumber}`),
  );

/** One answer for "no such number" and "wrong code", so the pages do not tell which receipt numbers exist. */
export const receiptNotFoundPage = (language: Language, receiptNumber: string): APIGatewayProxyStructuredResultV2 =>
  page(
    404,
    language,
    T.enterCode,
    html`<p class="alert" role="alert">${say(language, T.notFound)}</p>${codeForm(language, receiptNumber)}`,
    otherLanguage(language, `/receipts/${receiptNumber}`),
  );

const verdict = (language: Language, verification: ReceiptVerification): SafeHtml =>
  verification.valid
    ? html`<p class="valid" role="status">✓ ${say(language, T.verified)}</p>`
    : html`<div class="alert" role="alert"><strong>✗ ${say(language, T.notVerified)}</strong><ul>${verification.reasons.map(
        (reason) => html`<li>${say(language, REASONS[reason])}</li>`,
      )}</ul></div>`;

const facts = (language: Language, summary: ReceiptSummary, verification: ReceiptVerification): SafeHtml => {
  const channel = channelText(summary.channel);
  const status = verification.status ? STATUS_TEXT[verification.status] : undefined;
  return html`<dl>
<dt>${say(language, T.number)}</dt><dd>${formatReceiptNumber(summary.receiptNumber)}</dd>
${status ? html`<dt>${say(language, T.status)}</dt><dd>${say(language, status)}</dd>` : ''}
<dt>${say(language, T.department)}</dt><dd>${summary.departmentId}</dd>
<dt>${say(language, T.itemCode)}</dt><dd>${summary.itemCode}</dd>
<dt>${say(language, T.item)}</dt><dd lang="zh-CN">${summary.itemNameZh}</dd>
<dt>${say(language, T.payer)}</dt><dd>${summary.payer.maskedName}</dd>
<dt>${say(language, T.payerId)}</dt><dd>${summary.payer.maskedIdentifier}</dd>
<dt>${say(language, T.amount)}</dt><dd class="amount">¥ ${yuan(summary.amountFen)}</dd>
<dt>${say(language, T.paidAt)}</dt><dd>${chinaTime(summary.paidAt)}</dd>
<dt>${say(language, T.channel)}</dt><dd>${say(language, channel)}</dd>
<dt>${say(language, T.issuedAt)}</dt><dd>${chinaTime(summary.issuedAt)}</dd>
<dt>${say(language, T.bureau)}</dt><dd>${summary.financeBureau.regionCode}</dd>
${summary.credits.map(
  (credit) =>
    html`<dt>${say(language, T.credits)}</dt><dd>−¥ ${yuan(credit.amountFen)} · ${chinaTime(credit.refundedAt)}</dd>`,
)}
${verification.kid ? html`<dt>${say(language, T.kid)}</dt><dd><code>${verification.kid}</code></dd>` : ''}
</dl>`;
};

/** The receipt, shown to whoever holds its number and code, with the verdict of the full verification. */
export const receiptPage = (
  language: Language,
  receipt: FiscalReceipt,
  verification: ReceiptVerification,
): APIGatewayProxyStructuredResultV2 => {
  const number = receipt.document.receiptNumber;
  const code = receipt.verificationCode;
  const summary = verification.receipt;
  return page(
    200,
    language,
    T.receipt,
    html`${verdict(language, verification)}${summary ? facts(language, summary, verification) : ''}
<p>${say(language, T.code)}: <strong>${formatVerificationCode(code)}</strong></p>
<p><a class="button" href="/receipts/${number}/pdf?code=${code}">${say(language, T.pdf)}</a></p>
<h2>${say(language, T.signed)}</h2>
<pre>${receipt.signedReceipt}</pre>
<p class="muted"><a href="/v1/receipts/keys">${say(language, T.jwks)}</a> · <a href="/receipts/verify?lang=${language}">${say(language, T.verify)}</a></p>`,
    otherLanguage(language, `/receipts/${number}`, { code }),
  );
};

/** The public verification page: by number and code, or by the signed receipt. */
export const verificationFormPage = (language: Language, problem?: string): APIGatewayProxyStructuredResultV2 =>
  page(
    problem ? 400 : 200,
    language,
    T.verify,
    html`${problem ? html`<p class="alert" role="alert">${say(language, T.invalidInput)}${problem}</p>` : ''}
<h2>${say(language, T.byNumber)}</h2>
<form method="get" action="/receipts/verify">
<input type="hidden" name="lang" value="${language}">
<label for="receiptNumber">${say(language, T.number)}</label>
<input id="receiptNumber" name="receiptNumber" required inputmode="numeric" autocomplete="off" maxlength="40">
<label for="code">${say(language, T.code)}</label>
<input id="code" name="code" required autocomplete="off" maxlength="32">
<button type="submit">${say(language, T.check)}</button>
</form>
<h2>${say(language, T.bySignature)}</h2>
<form method="get" action="/receipts/verify">
<input type="hidden" name="lang" value="${language}">
<label for="signedReceipt">${say(language, T.signedReceipt)}</label>
<textarea id="signedReceipt" name="signedReceipt" rows="6" required maxlength="8000"></textarea>
<button type="submit">${say(language, T.check)}</button>
</form>
<p class="muted"><a href="/v1/receipts/keys">${say(language, T.jwks)}</a></p>`,
    otherLanguage(language, '/receipts/verify'),
  );

/** The verdict on a pasted signed receipt, with the facts it states (its holder already has them). */
export const verificationResultPage = (
  language: Language,
  verification: ReceiptVerification,
): APIGatewayProxyStructuredResultV2 =>
  page(
    200,
    language,
    T.verify,
    html`${verdict(language, verification)}${verification.receipt ? facts(language, verification.receipt, verification) : ''}
<p><a href="/receipts/verify?lang=${language}">${say(language, T.verify)}</a></p>`,
    otherLanguage(language, '/receipts/verify'),
  );
