import type { HttpHandler } from '@platform/http';
import { findNoticeByCode, isSettled } from '@platform/payment-orders';
import type { CheckoutDependencies } from '../checkout-dependencies.ts';
import { notFoundPage, notPayablePage, paidPage, pendingPage } from '../pages/cashier-pages.ts';

/**
 * `GET /pay/{paymentCode}/return`: where the channel sends the payer back. The visit (and whatever the channel put in
 * its query) is only a hint; the notice says "paid" once a verified notification has been applied.
 */
export const showReturn =
  (deps: CheckoutDependencies): HttpHandler =>
  async (event) => {
    const notice = await findNoticeByCode(deps.notices, event.pathParameters?.paymentCode);
    if (!notice) return notFoundPage();
    if (isSettled(notice)) return paidPage(notice);
    if (notice.status !== 'issued') return notPayablePage(notice);
    return pendingPage(notice.paymentCode);
  };
