import type { JoinedPut, PaymentNotice, PaymentNoticeRepository } from '@platform/payment-notices';
import type { PublicJwks } from '@platform/signing-keys';
import { decideCredit, type ReceiptRefund } from './decide-credit.ts';
import type { FiscalReceipt } from './fiscal-receipt.ts';
import type { FiscalReceiptStore } from './fiscal-receipt-store.ts';
import { receiptDocumentFor } from './receipt-document.ts';
import { FiscalReceiptError } from './receipt-errors.ts';
import { toReceiptItem } from './receipt-item.ts';
import { receiptNumberFor } from './receipt-number.ts';
import type { ReceiptKeys } from './receipt-signing-keys.ts';
import { type ReceiptVerification, verifySignedReceipt, verifyWithCode } from './receipt-verification.ts';
import { CREDIT_NOTE_TYPE, RECEIPT_TYPE, signDocument } from './signed-document.ts';
import { verificationCodeOf } from './verification-code.ts';

export interface FiscalReceiptsDependencies {
  readonly store: FiscalReceiptStore;
  readonly keys: ReceiptKeys;
  /** To find a notice's receipt from its id (the refund flow knows only the id). */
  readonly notices: Pick<PaymentNoticeRepository, 'get'>;
  readonly now?: () => Date;
  /** Credits that keep losing races before `receipt_contended`; default 8. */
  readonly maxAttempts?: number;
}

/**
 * The finance bureau's electronic receipts: issued on payment, credited on refund, verified by anyone. The payment
 * flow commits `receiptPut(notice)` with the payment itself; the refund flow calls `creditReceipt(noticeId, refund)`
 * once a refund succeeded (issuing the receipt first, idempotently, should a paid notice have none). Both are safe to
 * retry.
 */
export class FiscalReceipts {
  readonly #store: FiscalReceiptStore;
  readonly #keys: ReceiptKeys;
  readonly #notices: Pick<PaymentNoticeRepository, 'get'>;
  readonly #now: () => Date;
  readonly #maxAttempts: number;

  constructor(dependencies: FiscalReceiptsDependencies) {
    this.#store = dependencies.store;
    this.#keys = dependencies.keys;
    this.#notices = dependencies.notices;
    this.#now = dependencies.now ?? (() => new Date());
    this.#maxAttempts = dependencies.maxAttempts ?? 8;
  }

  /**
   * The receipt of a paid notice, issued now if it has none: one signature and ONE conditional put. Called again
   * (a retried event, a concurrent consumer) it returns the receipt stored first, unchanged.
   */
  async issueReceipt(notice: PaymentNotice): Promise<FiscalReceipt> {
    const { receipt } = await this.#store.create(await this.#signedReceipt(notice));
    return receipt;
  }

  /**
   * The receipt of the notice as its payment leaves it, as a put that joins the payment's own transaction (`markPaid`'s
   * `alongside`): the notice is paid with its receipt or not at all, and the receipt costs no write of its own. The
   * item is the payments table's receipt item (`receipt-item.ts`), which the DynamoDB store reads as its own. Its
   * number is a function of the paid notice, and a notice is paid once, so the put can only find its number taken if
   * something issued a receipt for an unpaid notice: that refuses the payment loudly rather than overwrite it.
   */
  async receiptPut(paidNotice: PaymentNotice): Promise<JoinedPut> {
    const receipt = await this.#signedReceipt(paidNotice);
    return {
      item: toReceiptItem(receipt),
      taken: () => new Error(`Receipt ${receipt.document.receiptNumber} exists already for a notice being paid now.`),
    };
  }

  /** One signature over the receipt document: ECDSA is randomised, so only the stored receipt counts. */
  async #signedReceipt(notice: PaymentNotice): Promise<FiscalReceipt> {
    const document = receiptDocumentFor(notice, this.#now());
    const signer = await this.#keys.signingKey();
    const signedReceipt = signDocument(document, RECEIPT_TYPE, signer);
    return {
      document,
      signedReceipt,
      kid: signer.kid,
      verificationCode: verificationCodeOf(signedReceipt),
      status: 'issued',
      creditedFen: 0,
      credits: [],
      updatedAt: document.issuedAt,
    };
  }

  /**
   * Records a credit note (红字冲销) for a refund that succeeded, once per `refundId`; the receipt becomes
   * `partially_credited`, or `voided` when the credits reach the amount paid. A notice paid but without receipt
   * (its issuing failed) gets one first: a refund must never find nothing to credit.
   */
  async creditReceipt(noticeId: string, refund: ReceiptRefund): Promise<FiscalReceipt> {
    const notice = await this.#notices.get(noticeId);
    if (!notice) throw new FiscalReceiptError('receipt_not_found', `No notice ${noticeId}.`);
    const receiptNumber = receiptNumberFor(notice);
    for (let attempt = 0; attempt < this.#maxAttempts; attempt += 1) {
      const receipt = (await this.#store.get(receiptNumber)) ?? (await this.issueReceipt(notice));
      const decision = decideCredit(receipt, refund, this.#now());
      if (decision.kind === 'already_credited') return receipt;
      const signer = await this.#keys.signingKey();
      const credit = {
        ...decision.creditNote,
        signedCreditNote: signDocument(decision.creditNote, CREDIT_NOTE_TYPE, signer),
      };
      const appended = await this.#store.appendCredit({
        receiptNumber,
        expectedCreditedFen: receipt.creditedFen,
        credit,
        creditedFen: decision.creditedFen,
        status: decision.status,
        updatedAt: decision.creditNote.creditedAt,
      });
      if (appended) {
        return {
          ...receipt,
          credits: [...receipt.credits, credit],
          creditedFen: decision.creditedFen,
          status: decision.status,
          updatedAt: decision.creditNote.creditedAt,
        };
      }
    }
    throw new FiscalReceiptError('receipt_contended', `Receipt ${receiptNumber} kept changing; retry.`);
  }

  findByNumber(receiptNumber: string): Promise<FiscalReceipt | undefined> {
    return this.#store.get(receiptNumber);
  }

  /** The receipt of a notice (payer pages hold the notice), or undefined if unpaid or not issued yet. */
  async findByNotice(notice: PaymentNotice): Promise<FiscalReceipt | undefined> {
    return notice.payment ? this.#store.get(receiptNumberFor(notice)) : undefined;
  }

  /** Signature against the JWKS AND the stored record; a wrong code discloses nothing. */
  async verifyWithCode(receiptNumber: string, verificationCode: string): Promise<ReceiptVerification> {
    return verifyWithCode(
      receiptNumber,
      await this.#store.get(receiptNumber),
      verificationCode,
      await this.#keys.jwks(),
    );
  }

  async verifySignedReceipt(signedReceipt: string): Promise<ReceiptVerification> {
    return verifySignedReceipt(signedReceipt, await this.#keys.jwks(), (number) => this.#store.get(number));
  }

  jwks(): Promise<PublicJwks> {
    return this.#keys.jwks();
  }
}
