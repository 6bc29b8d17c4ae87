import type { DepartmentEventPublisher, WebhookQueue, WebhookStore } from '@platform/department-webhooks';
import type { Logger } from '@platform/logging';
import type { IdempotencyPersistence, ItemCatalogue, PaymentNoticeRepository } from '@platform/payment-notices';
import type { RefundService } from '@platform/refunds';
import type { Authenticator } from './auth/authenticate.ts';

/** Everything the routes use, built once per instance by `dependencies.ts`; tests pass fakes or local adapters. */
export interface PaymentsApiDependencies {
  /** The API's public URL (`PAYMENTS_URL`, no trailing slash): the tokens' audience and the base of `Location`. */
  readonly paymentsUrl: string;
  /** The identity provider's issuer (`IDENTITY_URL`): its `/token` is where departments get tokens. */
  readonly identityUrl: string;
  readonly authenticate: Authenticator;
  readonly notices: PaymentNoticeRepository;
  readonly catalogue: ItemCatalogue;
  readonly idempotency: IdempotencyPersistence;
  /** Refunds requested by departments (`@platform/refunds`); approved by finance officers elsewhere. */
  readonly refunds: RefundService;
  /** Departments' webhook endpoints and deliveries, and the queue replays go through (`@platform/department-webhooks`). */
  readonly webhooks?: { readonly store: WebhookStore; readonly queue: WebhookQueue };
  /** `notice.cancelled` to departments' webhooks; absent, nothing is published. */
  readonly events?: DepartmentEventPublisher;
  readonly now: () => Date;
  readonly logger: Logger;
}
