import type { HttpHandler } from '@platform/http';
import { findNoticeByCode, isSettled } from '@platform/payment-orders';
import type { CheckoutDependencies } from '../checkout-dependencies.ts';
import { cashierPage, notFoundPage, notPayablePage, paidPage } from '../pages/cashier-pages.ts';
import { qrCodeSvg } from '../pages/qr-code.ts';

const ON_PHONE = { zh: '用手机扫码，在手机上继续缴款', en: 'Scan to continue on your phone' };

/** `GET /pay/{paymentCode}`: the notice, masked, with one button per enabled channel — or why it can not be paid. */
export const showCashier =
  (deps: CheckoutDependencies): HttpHandler =>
  async (event) => {
    const notice = await findNoticeByCode(deps.notices, event.pathParameters?.paymentCode);
    if (!notice) return notFoundPage();
    if (isSettled(notice)) return paidPage(notice);
    if (notice.status !== 'issued' || notice.dueAt <= deps.now().toISOString()) return notPayablePage(notice);
    const phoneQr = await qrCodeSvg(`${deps.paymentsUrl}/pay/${notice.paymentCode}`, ON_PHONE, 'page-qr');
    return cashierPage(notice, [...deps.channels.keys()], phoneQr);
  };
