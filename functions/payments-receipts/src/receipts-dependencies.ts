import type { FiscalReceipts } from '@platform/fiscal-receipts';
import type { Logger } from '@platform/logging';

/** Everything the routes use, built once per instance by `dependencies.ts`; tests pass in-memory receipts. */
export interface ReceiptsDependencies {
  /** The payments context's public URL (`PAYMENTS_URL`, no trailing slash): printed on receipts. */
  readonly paymentsUrl: string;
  /** Read and verify only: this function never issues or credits a receipt. */
  readonly receipts: Pick<FiscalReceipts, 'findByNumber' | 'verifyWithCode' | 'verifySignedReceipt' | 'jwks'>;
  readonly logger: Logger;
}
