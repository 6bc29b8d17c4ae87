import type { PaymentNotice } from '@platform/payment-notices';
import type { WebSignIn } from '@platform/web-sign-in';
import type { PayerProfile } from './payer-profile.ts';

/**
 * A paid notice's fiscal receipt, if one has been issued (`@platform/fiscal-receipts`): its number and printed
 * verification code, which together open it. The signed-in payer holds the receipt, so the pages link to
 * `/receipts/{receiptNumber}?code={verificationCode}`. No link is shown for a notice without one.
 */
export interface ReceiptLink {
  readonly receiptNumber: string;
  readonly verificationCode: string;
}

export type ReceiptNumberLookup = (notice: PaymentNotice) => Promise<ReceiptLink | undefined>;

/** What the signed-in payer pages (`/my`) need besides the cashier's own dependencies. */
export interface PayerArea {
  readonly signIn: WebSignIn<PayerProfile>;
  readonly receiptNumberOf?: ReceiptNumberLookup;
}
