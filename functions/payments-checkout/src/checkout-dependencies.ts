import type { DepartmentEventPublisher } from '@platform/department-webhooks';
import type { Logger } from '@platform/logging';
import type { PaymentNoticeRepository } from '@platform/payment-notices';
import type { ChannelRegistry, CheckoutStore, ReceiptIssuer } from '@platform/payment-orders';
import type { PayerArea } from './payer-area/payer-area.ts';

/** Everything the routes use, built once per instance by `dependencies.ts`; tests pass fakes. */
export interface CheckoutDependencies {
  /** The payments context's public URL (`PAYMENTS_URL`, no trailing slash): base of notify and return URLs. */
  readonly paymentsUrl: string;
  readonly notices: PaymentNoticeRepository;
  readonly store: CheckoutStore;
  readonly channels: ChannelRegistry;
  readonly now: () => Date;
  readonly logger: Logger;
  /** `notice.paid` to departments' webhooks (`DEPARTMENT_EVENTS_QUEUE_URL`); absent, nothing is published. */
  readonly events?: DepartmentEventPublisher;
  /** Issues the fiscal receipt of each payment applied (`@platform/fiscal-receipts`); absent, none is issued. */
  readonly receipts?: ReceiptIssuer;
  /** The signed-in payer pages (`/my`); absent when payer sign-in is not configured. */
  readonly payerArea?: PayerArea;
}
