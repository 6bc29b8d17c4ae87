import type { RefundService, ResumeReport } from '@platform/refunds';
import { refundsScheduleDependencies } from './dependencies.ts';

/**
 * Scheduled entry (every two minutes): `resumePendingRefunds` carries on refunds left `approved` or `executing` for
 * over a minute and re-runs failed hooks. Safe on overlapping runs: each attempt is claimed by a conditional write
 * and the channels are idempotent on the refund number.
 */
let service: RefundService | undefined;

export const handler = async (): Promise<ResumeReport> => {
  service ??= refundsScheduleDependencies();
  return service.resumePendingRefunds(new Date());
};
