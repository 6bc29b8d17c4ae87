import type { Logger } from '@platform/logging';
import type { IdempotencyPersistence, ItemCatalogue, PaymentNoticeRepository } from '@platform/payment-notices';
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
  readonly now: () => Date;
  readonly logger: Logger;
}
