import type { Logger } from '@platform/logging';
import type { PaymentNoticeRepository } from '@platform/payment-notices';
import type { ChannelRegistry } from './checkout/channel-registry.ts';
import type { CheckoutStore } from './checkout/checkout-store.ts';

/** Everything the routes use, built once per instance by `dependencies.ts`; tests pass fakes. */
export interface CheckoutDependencies {
  /** The payments context's public URL (`PAYMENTS_URL`, no trailing slash): base of notify and return URLs. */
  readonly paymentsUrl: string;
  readonly notices: PaymentNoticeRepository;
  readonly store: CheckoutStore;
  readonly channels: ChannelRegistry;
  readonly now: () => Date;
  readonly logger: Logger;
}
