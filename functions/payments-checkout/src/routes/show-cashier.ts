import type { HttpHandler } from '@platform/http';
import { findNoticeByCode, isSettled } from '../checkout/find-notice.ts';
import type { CheckoutDependencies } from '../checkout-dependencies.ts';
import { cashierPage, notFoundPage, notPayablePage, paidPage } from '../pages/cashier-pages.ts';

/** `GET /pay/{paymentCode}`: the notice, masked, with one button per enabled channel — or why it can not be paid. */
export const showCashier =
  (deps: CheckoutDependencies): HttpHandler =>
  async (event) => {
    const notice = await findNoticeByCode(deps.notices, event.pathParameters?.paymentCode);
    if (!notice) return notFoundPage();
    if (isSettled(notice)) return paidPage(notice);
    if (notice.status !== 'issued' || notice.dueAt <= deps.now().toISOString()) return notPayablePage(notice);
    return cashierPage(notice, [...deps.channels.keys()]);
  };
