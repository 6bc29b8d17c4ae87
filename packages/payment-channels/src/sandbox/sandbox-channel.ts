import { businessDayBounds } from '../channel/business-date.ts';
import { CHANNEL_CAPABILITIES, type ChannelCapability } from '../channel/capabilities.ts';
import { requireCapability } from '../channel/capability-guard.ts';
import {
  ChannelProtocolError,
  ChannelRejectedError,
  type ChannelRejectionReason,
  ChannelUnavailableError,
  NotificationRejectedError,
  StatementNotReadyError,
} from '../channel/channel-errors.ts';
import { type Clock, systemClock } from '../channel/clock.ts';
import { bodyText, headerValue } from '../channel/notification-input.ts';
import type { PaymentChannel, PaymentState, RefundState } from '../channel/payment-channel.ts';
import {
  assertCreatePaymentInput,
  assertPlatformNumber,
  assertRefundInput,
  assertRefundLookup,
} from '../channel/request-validation.ts';
import {
  SANDBOX_ACKNOWLEDGEMENT,
  SANDBOX_REJECTION_ACKNOWLEDGEMENT,
  SANDBOX_RETRY_ACKNOWLEDGEMENT,
  sandboxEventOf,
} from './sandbox-notification.ts';
import {
  SANDBOX_SIGNATURE_HEADER,
  sandboxRequestPayload,
  signSandboxPayload,
  verifySandboxSignature,
} from './sandbox-signature.ts';
import { SANDBOX_STATEMENT_FORMAT } from './sandbox-statement.ts';

/**
 * The sandbox adapter: `PaymentChannel` over HTTP against the sandbox channel server (`startSandboxChannelServer`).
 * It behaves like a real channel, magic values and all (see `sandbox-magic.ts`). The platform can be built and
 * demonstrated with no contract with anyone.
 */
export interface SandboxChannelOptions {
  /** The sandbox channel server, for example `http://127.0.0.1:4010`. */
  readonly baseUrl: string;
  /** Shared with the server: it signs requests and notifications. */
  readonly secret: string;
  /** Declare fewer to rehearse a channel without some capability. Default: all. */
  readonly capabilities?: Iterable<ChannelCapability>;
  /** Default 5000. */
  readonly timeoutMs?: number;
  readonly clock?: Clock;
}

const REASONS: Readonly<Record<string, ChannelRejectionReason>> = {
  ORDER_NOT_FOUND: 'order_not_found',
  ORDER_PAID: 'order_paid',
  ORDER_CLOSED: 'order_closed',
  ORDER_NOT_PAID: 'order_not_paid',
  ORDER_CONFLICT: 'order_conflict',
  REFUND_EXCEEDS_PAID: 'refund_exceeds_paid',
  REFUND_CONFLICT: 'refund_conflict',
  INVALID_REQUEST: 'invalid_request',
  UNAUTHENTICATED: 'configuration',
};

interface SandboxAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export const createSandboxChannel = (options: SandboxChannelOptions): PaymentChannel => {
  if (!options.secret) throw new TypeError('The sandbox secret is required.');
  const base = new URL(options.baseUrl);
  const capabilities: ReadonlySet<ChannelCapability> = new Set(options.capabilities ?? CHANNEL_CAPABILITIES);
  const clock = options.clock ?? systemClock;
  const timeoutMs = options.timeoutMs ?? 5000;
  const guard = (capability: ChannelCapability) => requireCapability('sandbox', capabilities, capability);
  const segment = encodeURIComponent;

  const send = async (method: 'GET' | 'POST', path: string, body?: object): Promise<Response> => {
    const text = body === undefined ? '' : JSON.stringify(body);
    const url = new URL(path, base);
    const signature = signSandboxPayload(
      options.secret,
      sandboxRequestPayload(method, `${url.pathname}${url.search}`, text),
      clock.now(),
    );
    try {
      return await fetch(url, {
        method,
        headers: { 'content-type': 'application/json', [SANDBOX_SIGNATURE_HEADER]: signature },
        ...(body === undefined ? {} : { body: text }),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (cause) {
      throw new ChannelUnavailableError('sandbox', `The sandbox channel did not answer ${method} ${path}.`, { cause });
    }
  };

  /** Answers the JSON body for 2xx and for the refusals the caller handles itself; throws for anything else. */
  const call = async (
    method: 'GET' | 'POST',
    path: string,
    body?: object,
    handled: readonly string[] = [],
  ): Promise<SandboxAnswer> => {
    const response = await send(method, path, body);
    if (response.status >= 500) {
      throw new ChannelUnavailableError('sandbox', `The sandbox channel answered HTTP ${response.status}.`);
    }
    let parsed: unknown;
    try {
      parsed = await response.json();
    } catch (cause) {
      throw new ChannelProtocolError('sandbox', `The sandbox channel answered HTTP ${response.status} without JSON.`, {
        cause,
      });
    }
    if (!isRecord(parsed)) throw new ChannelProtocolError('sandbox', 'The sandbox channel answered a non-object.');
    if (response.ok) return { status: response.status, body: parsed };
    const code = typeof parsed.code === 'string' ? parsed.code : `HTTP_${response.status}`;
    if (handled.includes(code)) return { status: response.status, body: parsed };
    const message = typeof parsed.message === 'string' ? parsed.message : '';
    throw new ChannelRejectedError('sandbox', REASONS[code] ?? 'other', code, message);
  };

  const refundStateOf = (body: Record<string, unknown>): RefundState => {
    const { orderNumber, refundNumber, amountFen, refundedAt, refundId } = body;
    if (
      typeof orderNumber !== 'string' ||
      typeof refundNumber !== 'string' ||
      typeof amountFen !== 'number' ||
      typeof refundedAt !== 'string' ||
      typeof refundId !== 'string'
    ) {
      throw new ChannelProtocolError('sandbox', 'The sandbox refund answer is incomplete.');
    }
    return { status: 'succeeded', orderNumber, refundNumber, amountFen, refundedAt, channelRefundId: refundId };
  };

  return {
    id: 'sandbox',
    capabilities,

    createPayment: async (input) => {
      const method = input.method ?? 'pagePay';
      guard(method);
      assertCreatePaymentInput(input);
      await call('POST', '/sandbox/api/payments', {
        orderNumber: input.orderNumber,
        amountFen: input.amountFen,
        subject: input.subject,
        method,
        expiresAt: input.expiresAt,
        returnUrl: input.returnUrl,
        notifyUrl: input.notifyUrl,
        payerName: input.payerHint?.name,
      });
      const payUrl = new URL(`/sandbox/pay/${segment(input.orderNumber)}`, base).toString();
      return method === 'qrPay' ? { kind: 'qr', content: payUrl } : { kind: 'redirect', url: payUrl };
    },

    queryPayment: async (orderNumber) => {
      guard('query');
      assertPlatformNumber(orderNumber, 'orderNumber');
      const { body } = await call('GET', `/sandbox/api/payments/${segment(orderNumber)}`, undefined, [
        'ORDER_NOT_FOUND',
      ]);
      if (body.code === 'ORDER_NOT_FOUND') return { status: 'not_found' };
      const { status, transactionId, amountFen, paidAt } = body;
      if (
        (status !== 'pending' && status !== 'paid' && status !== 'closed') ||
        typeof transactionId !== 'string' ||
        typeof amountFen !== 'number'
      ) {
        throw new ChannelProtocolError('sandbox', 'The sandbox payment answer is incomplete.');
      }
      const state: PaymentState = { status, channelTransactionId: transactionId, amountFen };
      return typeof paidAt === 'string' ? { ...state, paidAt } : state;
    },

    closePayment: async (orderNumber) => {
      guard('close');
      assertPlatformNumber(orderNumber, 'orderNumber');
      const { body } = await call('POST', `/sandbox/api/payments/${segment(orderNumber)}/close`, {}, [
        'ORDER_NOT_FOUND',
      ]);
      return { status: body.code === 'ORDER_NOT_FOUND' ? 'not_found' : 'closed' };
    },

    refund: async (input) => {
      guard('refund');
      assertRefundInput(input);
      const { body } = await call('POST', `/sandbox/api/payments/${segment(input.orderNumber)}/refunds`, {
        refundNumber: input.refundNumber,
        amountFen: input.amountFen,
        reason: input.reason,
      });
      return refundStateOf(body);
    },

    queryRefund: async (lookup) => {
      guard('refundQuery');
      assertRefundLookup(lookup);
      const path = `/sandbox/api/payments/${segment(lookup.orderNumber)}/refunds/${segment(lookup.refundNumber)}`;
      const { body } = await call('GET', path, undefined, ['ORDER_NOT_FOUND', 'REFUND_NOT_FOUND']);
      return typeof body.code === 'string' ? { status: 'not_found' } : refundStateOf(body);
    },

    parseNotification: async (notification) => {
      guard('notifications');
      const text = bodyText(notification.body);
      const reject = (message: string, cause?: unknown): never => {
        throw new NotificationRejectedError('sandbox', message, SANDBOX_REJECTION_ACKNOWLEDGEMENT, { cause });
      };
      const signature = headerValue(notification.headers, SANDBOX_SIGNATURE_HEADER);
      if (!verifySandboxSignature(options.secret, signature, text, clock.now())) {
        return reject('The sandbox notification signature does not verify.');
      }
      try {
        const event = sandboxEventOf(JSON.parse(text));
        return { event, acknowledgement: SANDBOX_ACKNOWLEDGEMENT, retryAcknowledgement: SANDBOX_RETRY_ACKNOWLEDGEMENT };
      } catch (cause) {
        return reject('The sandbox notification is malformed.', cause);
      }
    },

    statement: async (businessDate) => {
      guard('statements');
      businessDayBounds(businessDate);
      const response = await send('GET', `/sandbox/api/statements/${businessDate}`);
      if (response.status === 409) {
        await response.body?.cancel();
        throw new StatementNotReadyError('sandbox', businessDate);
      }
      if (!response.ok || !response.body) {
        await response.body?.cancel();
        const error = response.status >= 500 ? ChannelUnavailableError : ChannelProtocolError;
        throw new error('sandbox', `The sandbox statement answered HTTP ${response.status}.`);
      }
      return {
        channel: 'sandbox',
        businessDate,
        format: SANDBOX_STATEMENT_FORMAT,
        fileName: `sandbox-statement-${businessDate}.csv`,
        body: response.body,
      };
    },
  };
};
