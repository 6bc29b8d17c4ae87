import type { HttpHandler } from '@platform/http';
import { ChannelRejectedError, ChannelUnavailableError } from '@platform/payment-channels';
import { findNoticeByCode, isCheckoutChannel, isSettled, orderNumberFor } from '@platform/payment-orders';
import type { CheckoutDependencies } from '../checkout-dependencies.ts';
import { channelUnavailablePage, notFoundPage, notPayablePage, qrPage } from '../pages/cashier-pages.ts';
import { PAGE_HEADERS } from '../pages/layout.ts';
import { qrCodeSvg } from '../pages/qr-code.ts';

const seeOther = (location: string) => ({ statusCode: 303, headers: { location, 'cache-control': 'no-store' } });

/** The channels' subject limit is 127–128 characters. */
const subjectOf = (itemNameZh: string, paymentCode: string): string => `${itemNameZh} ${paymentCode}`.slice(0, 120);

/**
 * `POST /pay/{paymentCode}/{channel}`: records the order (which notice it pays) and creates the channel payment, then
 * sends the payer on. The order number is deterministic per notice and channel, so pressing again or retrying after a
 * timeout reaches the same channel payment.
 */
export const startPayment =
  (deps: CheckoutDependencies): HttpHandler =>
  async (event) => {
    const channelId = event.pathParameters?.channel;
    const channel = isCheckoutChannel(channelId) ? deps.channels.get(channelId) : undefined;
    const notice = await findNoticeByCode(deps.notices, event.pathParameters?.paymentCode);
    if (!notice || !channel || !isCheckoutChannel(channelId)) return notFoundPage();
    const returnUrl = `${deps.paymentsUrl}/pay/${notice.paymentCode}/return`;
    if (isSettled(notice)) return seeOther(returnUrl);
    const now = deps.now();
    if (notice.status !== 'issued' || notice.dueAt <= now.toISOString()) return notPayablePage(notice);

    const order = await deps.store.recordOrder({
      orderNumber: orderNumberFor(notice.noticeId, channelId),
      noticeId: notice.noticeId,
      channel: channelId,
      amountFen: notice.amountFen,
      createdAt: now.toISOString(),
    });
    try {
      const instruction = await channel.adapter.createPayment({
        orderNumber: order.orderNumber,
        amountFen: notice.amountFen,
        subject: subjectOf(notice.itemNameZh, notice.paymentCode),
        // The notice's own deadline: the same on every retry, so the channel sees the same order each time.
        expiresAt: notice.dueAt,
        returnUrl,
        notifyUrl: `${deps.paymentsUrl}/v1/channels/${channelId}/notifications`,
        method: channel.method,
        payerHint: { clientIp: event.requestContext.http.sourceIp },
      });
      switch (instruction.kind) {
        case 'redirect':
          return seeOther(instruction.url);
        case 'qr':
          return qrPage(
            notice,
            channelId,
            instruction.content,
            await qrCodeSvg(instruction.content, { zh: '扫码支付', en: 'Scan to pay' }, 'pay-qr'),
          );
        case 'form':
          // The channel's self-posting form carries an inline script, which the cashier's CSP would block.
          return {
            statusCode: 200,
            headers: { ...PAGE_HEADERS, 'content-security-policy': "frame-ancestors 'none'" },
            body: instruction.html,
          };
      }
    } catch (error) {
      if (error instanceof ChannelRejectedError && error.reason === 'order_paid') return seeOther(returnUrl);
      if (error instanceof ChannelUnavailableError) {
        deps.logger.warn('channel unavailable', { channel: channelId, orderNumber: order.orderNumber, error });
        return channelUnavailablePage(channelId, notice.paymentCode);
      }
      throw error;
    }
  };
