import type { Logger } from '@platform/logging';
import type { ChannelId } from '@platform/payment-channels';
import type { DiscrepancyService, RunStore } from '@platform/reconciliation';
import type { RefundService } from '@platform/refunds';
import type { WebSignIn } from '@platform/web-sign-in';
import type { DeliverDownload } from './downloads/report-download.ts';
import type { OfficerLookup, OfficerProfile } from './officers/officer-profile.ts';

/** What the console's routes need; `dependencies.ts` builds them from the environment, tests pass fakes. */
export interface FinanceDependencies {
  readonly signIn: WebSignIn<OfficerProfile>;
  /** The registry, asked on every request: a revoked officer loses the console at once, not after 8 hours. */
  readonly findOfficer: OfficerLookup;
  /** Run records: the reports read the current runs only. */
  readonly runs: RunStore;
  readonly discrepancies: Pick<
    DiscrepancyService,
    'listDiscrepancies' | 'openDiscrepancies' | 'getDiscrepancy' | 'assign' | 'comment' | 'escalate' | 'resolve'
  >;
  readonly refunds: Pick<RefundService, 'listRefundsAwaitingApproval' | 'approveRefund' | 'rejectRefund'>;
  /** The channels whose runs the day view sums. */
  readonly channels: readonly ChannelId[];
  /** How report files reach the browser: from S3 in the stack, in the answer locally. */
  readonly deliverDownload: DeliverDownload;
  /** The identity provider's origin: sign-out posts end there by redirect (the pages' `form-action`). */
  readonly identityOrigin: string;
  readonly logger: Logger;
  readonly now: () => Date;
}
