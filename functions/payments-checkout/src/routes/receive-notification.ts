import type { HttpHandler } from '@platform/http';
import { type ChannelAcknowledgement, NotificationRejectedError } from '@platform/payment-channels';
import { applyPayment, isCheckoutChannel } from '@platform/payment-orders';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { CheckoutDependencies } from '../checkout-dependencies.ts';

/** The channel's answer, exactly as it expects it. */
const answer = (ack: ChannelAcknowledgement): APIGatewayProxyStructuredResultV2 => ({
  statusCode: ack.status,
  headers: { ...ack.headers },
  body: ack.body,
});

/**
 * `POST /v1/channels/{channel}/notifications`: the channel's asynchronous notification. The adapter verifies it on
 * the raw body (a forgery gets the channel's rejection answer and changes nothing); a payment is applied to its
 * notice (`applyPayment`), and only then acknowledged. If recording fails, the channel's retry answer makes it send
 * the notification again.
 */
export const receiveNotification =
  (deps: CheckoutDependencies): HttpHandler =>
  async (event) => {
    const channelId = event.pathParameters?.channel;
    const channel = isCheckoutChannel(channelId) ? deps.channels.get(channelId) : undefined;
    if (!channel || !isCheckoutChannel(channelId)) {
      return { statusCode: 404, headers: { 'content-type': 'text/plain; charset=utf-8' }, body: 'unknown channel' };
    }
    const body = event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64') : (event.body ?? '');
    let parsed: Awaited<ReturnType<typeof channel.adapter.parseNotification>>;
    try {
      parsed = await channel.adapter.parseNotification({ headers: event.headers, body });
    } catch (error) {
      if (!(error instanceof NotificationRejectedError)) throw error;
      deps.logger.warn('notification rejected', { channel: channelId, reason: error.message });
      return answer(error.acknowledgement);
    }
    const channelEvent = parsed.event;
    if (channelEvent?.type !== 'payment.succeeded') return answer(parsed.acknowledgement);
    try {
      const outcome = await applyPayment(deps, channelId, channelEvent);
      const log = outcome.kind === 'flagged' ? deps.logger.warn : deps.logger.info;
      log('payment notification applied', {
        channel: channelId,
        eventId: channelEvent.id,
        orderNumber: channelEvent.orderNumber,
        ...outcome,
      });
      return answer(parsed.acknowledgement);
    } catch (error) {
      deps.logger.error('payment notification not recorded; asking the channel to retry', {
        channel: channelId,
        eventId: channelEvent.id,
        error,
      });
      return answer(parsed.retryAcknowledgement);
    }
  };
