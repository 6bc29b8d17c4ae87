import type { HttpHandler } from '@platform/http';
import { languageOf } from '../language.ts';
import { codeFormPage, receiptNotFoundPage, receiptPage, verificationFormPage } from '../pages/receipt-pages.ts';
import type { ReceiptsDependencies } from '../receipts-dependencies.ts';
import { accessReceipt } from './receipt-access.ts';

/** `GET /receipts/{receiptNumber}?code=…`: the receipt with its verdict; without the right code, only a form. */
export const showReceipt =
  (deps: ReceiptsDependencies): HttpHandler =>
  async (event) => {
    const language = languageOf(event);
    const access = await accessReceipt(deps, event);
    switch (access.kind) {
      case 'bad_number':
        return verificationFormPage(language, access.problem);
      case 'needs_code':
        return codeFormPage(language, access.receiptNumber, access.problem);
      case 'not_found':
        return receiptNotFoundPage(language, access.receiptNumber);
      case 'granted':
        return receiptPage(language, access.receipt, access.verification);
    }
  };
