import { renderReceiptPdf } from '@platform/fiscal-receipts';
import { badRequest, type HttpHandler, notFound, Problem } from '@platform/http';
import type { ReceiptsDependencies } from '../receipts-dependencies.ts';
import { accessReceipt } from './receipt-access.ts';

/**
 * `GET /receipts/{receiptNumber}/pdf?code=…`: the receipt as a PDF, under the page's rule (number + code). A receipt
 * whose record fails verification is not rendered: a PDF would lend it an authority it has lost.
 *
 * API Gateway (payload 2.0) sends a binary body only base64-encoded with `isBase64Encoded: true`; it decodes it
 * before it reaches the client, and the local gateway does the same (`fromLambdaResult`).
 */
export const downloadReceiptPdf =
  (deps: ReceiptsDependencies): HttpHandler =>
  async (event) => {
    const access = await accessReceipt(deps, event);
    switch (access.kind) {
      case 'bad_number':
        throw badRequest('invalid_receipt_number', access.problem, 'receiptNumber');
      case 'needs_code':
        throw badRequest(
          'invalid_verification_code',
          access.problem ?? 'The verification code printed on the receipt is required (`?code=`).',
          'code',
        );
      case 'not_found':
        throw notFound('No receipt matches this number and verification code.');
      case 'granted': {
        if (!access.verification.valid) {
          throw new Problem({
            status: 409,
            code: 'receipt_not_verifiable',
            title: 'The receipt does not verify',
            detail: `The stored receipt fails verification (${access.verification.reasons.join(', ')}).`,
          });
        }
        const pdf = renderReceiptPdf(access.receipt, deps.paymentsUrl);
        return {
          statusCode: 200,
          headers: {
            'content-type': 'application/pdf',
            'content-disposition': `attachment; filename="receipt-${access.receipt.document.receiptNumber}.pdf"`,
            'cache-control': 'no-store',
            'x-content-type-options': 'nosniff',
          },
          body: pdf.toString('base64'),
          isBase64Encoded: true,
        };
      }
    }
  };
