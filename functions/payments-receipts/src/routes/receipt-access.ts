import {
  type FiscalReceipt,
  FiscalReceiptError,
  parseReceiptNumber,
  parseVerificationCode,
  type ReceiptVerification,
} from '@platform/fiscal-receipts';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { ReceiptsDependencies } from '../receipts-dependencies.ts';

export type ReceiptAccess =
  | { readonly kind: 'bad_number'; readonly problem: string }
  | { readonly kind: 'needs_code'; readonly receiptNumber: string; readonly problem?: string }
  | { readonly kind: 'not_found'; readonly receiptNumber: string }
  | {
      readonly kind: 'granted';
      readonly receipt: FiscalReceipt;
      readonly verification: ReceiptVerification;
    };

/**
 * The rule of the receipt page and PDF: the number (no secret: it is printed, it follows a pattern) and the printed
 * verification code together open a receipt; without a code nothing is looked up, and a wrong code is answered
 * exactly like an unknown number.
 */
export const accessReceipt = async (
  deps: ReceiptsDependencies,
  event: APIGatewayProxyEventV2,
): Promise<ReceiptAccess> => {
  let receiptNumber: string;
  try {
    receiptNumber = parseReceiptNumber(event.pathParameters?.receiptNumber);
  } catch (error) {
    if (error instanceof FiscalReceiptError) return { kind: 'bad_number', problem: error.message };
    throw error;
  }
  const typed = event.queryStringParameters?.code;
  if (typed === undefined || typed === '') return { kind: 'needs_code', receiptNumber };
  let code: string;
  try {
    code = parseVerificationCode(typed, 'code');
  } catch (error) {
    if (error instanceof FiscalReceiptError) return { kind: 'needs_code', receiptNumber, problem: error.message };
    throw error;
  }
  const verification = await deps.receipts.verifyWithCode(receiptNumber, code);
  if (
    verification.reasons.includes('receipt_not_found') ||
    verification.reasons.includes('verification_code_mismatch')
  ) {
    return { kind: 'not_found', receiptNumber };
  }
  const receipt = await deps.receipts.findByNumber(receiptNumber);
  if (!receipt) return { kind: 'not_found', receiptNumber };
  return { kind: 'granted', receipt, verification };
};
