import { timingSafeEqual } from 'node:crypto';
import { canonicalJson } from '@platform/payment-notices';
import type { PublicJwks } from '@platform/signing-keys';
import { type FiscalReceipt, type ReceiptStatus, statusAfterCredits } from './fiscal-receipt.ts';
import type { ReceiptDocument } from './receipt-document.ts';
import { CREDIT_NOTE_TYPE, checkSignedDocument, RECEIPT_TYPE } from './signed-document.ts';
import { verificationCodeOf } from './verification-code.ts';

/**
 * Why a receipt does not verify. A receipt is valid when its signature verifies against the published keys AND the
 * platform's record of it exists, holds that very signed document, and is intact (every credit note signed, the
 * status what the credits add up to). `valid` says nothing about refunds: read `status` (`voided` = fully credited).
 */
export type VerificationReason =
  | 'receipt_not_found'
  | 'verification_code_mismatch'
  | 'malformed'
  | 'wrong_type'
  | 'unknown_key'
  | 'signature_invalid'
  | 'not_on_record'
  | 'record_tampered'
  | 'credit_note_invalid';

/** What a verifier is told: the masked facts of the receipt and its credits, never the notice id. */
export interface ReceiptSummary {
  readonly receiptNumber: string;
  readonly departmentId: string;
  readonly itemCode: string;
  readonly itemNameZh: string;
  readonly payer: ReceiptDocument['payer'];
  readonly amountFen: number;
  readonly paidAt: string;
  readonly channel: string;
  readonly issuedAt: string;
  readonly financeBureau: ReceiptDocument['financeBureau'];
  readonly creditedFen: number;
  readonly credits: readonly { readonly amountFen: number; readonly refundedAt: string }[];
}

export interface ReceiptVerification {
  readonly valid: boolean;
  readonly reasons: readonly VerificationReason[];
  readonly status?: ReceiptStatus;
  readonly kid?: string;
  readonly receipt?: ReceiptSummary;
}

export const summaryOf = (document: ReceiptDocument, receipt?: FiscalReceipt): ReceiptSummary => ({
  receiptNumber: document.receiptNumber,
  departmentId: document.departmentId,
  itemCode: document.itemCode,
  itemNameZh: document.itemNameZh,
  payer: document.payer,
  amountFen: document.amountFen,
  paidAt: document.paidAt,
  channel: document.channel,
  issuedAt: document.issuedAt,
  financeBureau: document.financeBureau,
  creditedFen: receipt?.creditedFen ?? 0,
  credits: (receipt?.credits ?? []).map((credit) => ({ amountFen: credit.amountFen, refundedAt: credit.refundedAt })),
});

/**
 * The stored record against the keys: its JWS, its document, its code, its credits and its status, and that it is
 * the record of `receiptNumber`, the number it was found under (the DynamoDB item keeps the document only inside its
 * JWS, so another genuine receipt's JWS put into it would otherwise read as a consistent record).
 */
export const checkStoredReceipt = async (
  receipt: FiscalReceipt,
  jwks: PublicJwks,
  receiptNumber: string,
): Promise<ReceiptVerification> => {
  const reasons = new Set<VerificationReason>();
  const signature = await checkSignedDocument(receipt.signedReceipt, jwks, RECEIPT_TYPE);
  if (!signature.ok) reasons.add(signature.reason);
  else if (
    receipt.document.receiptNumber !== receiptNumber ||
    canonicalJson(signature.payload) !== canonicalJson(receipt.document) ||
    signature.kid !== receipt.kid ||
    verificationCodeOf(receipt.signedReceipt) !== receipt.verificationCode
  ) {
    reasons.add('record_tampered');
  }
  let creditedFen = 0;
  for (const { signedCreditNote, ...creditNote } of receipt.credits) {
    creditedFen += creditNote.amountFen;
    const check = await checkSignedDocument(signedCreditNote, jwks, CREDIT_NOTE_TYPE);
    if (
      !check.ok ||
      canonicalJson(check.payload) !== canonicalJson(creditNote) ||
      creditNote.receiptNumber !== receipt.document.receiptNumber
    ) {
      reasons.add('credit_note_invalid');
    }
  }
  if (
    creditedFen !== receipt.creditedFen ||
    creditedFen > receipt.document.amountFen ||
    receipt.status !== statusAfterCredits(receipt.document.amountFen, creditedFen)
  ) {
    reasons.add('record_tampered');
  }
  return {
    valid: reasons.size === 0,
    reasons: [...reasons],
    status: receipt.status,
    kid: receipt.kid,
    receipt: summaryOf(receipt.document, receipt),
  };
};

const sameCode = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a, 'ascii'), Buffer.from(b, 'ascii'));

/**
 * By number and printed code: a wrong code learns nothing but that (no status, no summary), so the number alone,
 * which is no secret, discloses nothing.
 */
export const verifyWithCode = async (
  receiptNumber: string,
  receipt: FiscalReceipt | undefined,
  verificationCode: string,
  jwks: PublicJwks,
): Promise<ReceiptVerification> => {
  if (!receipt) return { valid: false, reasons: ['receipt_not_found'] };
  if (!sameCode(receipt.verificationCode, verificationCode)) {
    return { valid: false, reasons: ['verification_code_mismatch'] };
  }
  return checkStoredReceipt(receipt, jwks, receiptNumber);
};

/**
 * By the signed receipt itself (the JWS printed as a QR code or sent as a file): the signature first (offline
 * verifiers can stop there), then the record, which must hold this very JWS.
 */
export const verifySignedReceipt = async (
  signedReceipt: string,
  jwks: PublicJwks,
  findReceipt: (receiptNumber: string) => Promise<FiscalReceipt | undefined>,
): Promise<ReceiptVerification> => {
  const signature = await checkSignedDocument(signedReceipt, jwks, RECEIPT_TYPE);
  if (!signature.ok) return { valid: false, reasons: [signature.reason] };
  const document = signature.payload as unknown as ReceiptDocument;
  if (document.version !== 1 || typeof document.receiptNumber !== 'string') {
    return { valid: false, reasons: ['malformed'] };
  }
  const receipt = await findReceipt(document.receiptNumber);
  if (!receipt || receipt.signedReceipt !== signedReceipt) {
    return { valid: false, reasons: ['not_on_record'], kid: signature.kid, receipt: summaryOf(document) };
  }
  return checkStoredReceipt(receipt, jwks, document.receiptNumber);
};
