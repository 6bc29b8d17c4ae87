import { FiscalReceiptError, parseReceiptNumber, parseVerificationCode } from '@platform/fiscal-receipts';
import type { HttpHandler } from '@platform/http';
import { languageOf } from '../language.ts';
import { verificationFormPage, verificationResultPage } from '../pages/receipt-pages.ts';
import type { ReceiptsDependencies } from '../receipts-dependencies.ts';

const MAXIMUM_SIGNED_RECEIPT = 8_000;

/**
 * `GET /receipts/verify`: the public verification page. With `receiptNumber` and `code` it sends the browser to that
 * receipt's page (303); with `signedReceipt` (a pasted JWS) it shows the verdict; otherwise the two forms.
 */
export const showVerification =
  (deps: ReceiptsDependencies): HttpHandler =>
  async (event) => {
    const language = languageOf(event);
    const query = event.queryStringParameters ?? {};
    if (query.signedReceipt !== undefined) {
      const signed = query.signedReceipt.trim();
      if (signed === '' || signed.length > MAXIMUM_SIGNED_RECEIPT) {
        return verificationFormPage(language, 'signed receipt missing or too long');
      }
      return verificationResultPage(language, await deps.receipts.verifySignedReceipt(signed));
    }
    if (query.receiptNumber !== undefined || query.code !== undefined) {
      try {
        const number = parseReceiptNumber(query.receiptNumber);
        const code = parseVerificationCode(query.code, 'code');
        const location = `/receipts/${number}?${new URLSearchParams({ code, lang: language })}`;
        return { statusCode: 303, headers: { location, 'cache-control': 'no-store' }, body: '' };
      } catch (error) {
        if (error instanceof FiscalReceiptError) return verificationFormPage(language, error.message);
        throw error;
      }
    }
    return verificationFormPage(language);
  };
