import type { FinanceDependencies } from '../finance-dependencies.ts';
import { refundsPage } from '../pages/refund-pages.ts';
import { badRequestPage } from '../pages/status-pages.ts';
import { asOfficer, seeOther } from './as-officer.ts';

/** `GET /finance/refunds`: the queue of refunds awaiting approval (the service's order, oldest first). */
export const listRefunds = (deps: FinanceDependencies) =>
  asOfficer(deps, async (event, { session, viewer }) =>
    refundsPage(
      await deps.refunds.listRefundsAwaitingApproval(),
      session.profile.officerIndex,
      viewer,
      event.queryStringParameters?.done,
    ),
  );

/**
 * `POST /finance/refunds/{refundId}/approve|reject`: the officer acts by their blind index; the refund service looks
 * them up again (active, `refund_approver`, region, not the payer) and enforces the two different approvers. The
 * second approval moves the money at once.
 */
export const decideRefund = (deps: FinanceDependencies) =>
  asOfficer(
    deps,
    async (event, { session, viewer, form }) => {
      const refundId = decodeURIComponent(event.pathParameters?.refundId ?? '');
      const officer = { officerIndex: session.profile.officerIndex };
      const decision = event.pathParameters?.decision;
      if (decision === 'approve') {
        await deps.refunds.approveRefund(refundId, officer);
      } else if (decision === 'reject') {
        await deps.refunds.rejectRefund(refundId, officer, form.get('reason') ?? '');
      } else {
        return badRequestPage({ zh: '未知操作。', en: 'Unknown decision.' }, '/finance/refunds', viewer);
      }
      deps.logger.info('refund decision recorded', { refundId, decision });
      return seeOther(`/finance/refunds?done=${decision}`);
    },
    { form: true, back: '/finance/refunds' },
  );
