import { randomBytes } from 'node:crypto';
import {
  type CreatePaymentInput,
  createSandboxChannel,
  type PaymentChannel,
  type SandboxChannelServer,
  type SandboxChannelServerOptions,
  startSandboxChannelServer,
} from '@platform/payment-channels';
import type { PaymentNotice } from '@platform/payment-notices';
import type { ChannelRegistry, CheckoutOrder } from '@platform/payment-orders';
// The sandbox's own signer (not exported by the package): tests forge nothing with it, they re-send what it would.
import {
  SANDBOX_SIGNATURE_HEADER,
  signSandboxPayload,
} from '../../packages/payment-channels/src/sandbox/sandbox-signature.ts';

/** A port nothing listens on: notifications sent there are lost, as when the platform is unreachable. */
export const NOWHERE = 'http://127.0.0.1:9/v1/channels/sandbox/notifications';

/** The sandbox channel server and an adapter for it, and the two things a payer does: start a payment, pay it. */
export interface SandboxPayments {
  readonly server: SandboxChannelServer;
  readonly adapter: PaymentChannel;
  readonly channels: ChannelRegistry;
  /** What the cashier asks the channel for an order: the notice's amount, subject and due instant. */
  paymentInput(order: CheckoutOrder, notice: PaymentNotice, notifyUrl?: string): CreatePaymentInput;
  /** What the cashier does after recording the order: create the channel payment, due at the notice's due instant. */
  createPayment(order: CheckoutOrder, notice: PaymentNotice, notifyUrl?: string): Promise<string>;
  /** The payer's visit to the pay page (the sandbox pays, then notifies unless the amount says otherwise). */
  pay(orderNumber: string): Promise<string | null>;
  /** An adapter for the same server with other options (a short timeout, another base URL). */
  adapterWith(options: { baseUrl?: string; timeoutMs?: number }): PaymentChannel;
  /**
   * The `payment.succeeded` notification the sandbox sends for a paid order, as one delivery of it: the event id is
   * the sandbox's (`evt_<transaction>_paid`), `createdAt` and the signature's timestamp vary per delivery.
   */
  paidNotification(orderNumber: string, deliveredAt?: Date): Promise<{ headers: Record<string, string>; body: string }>;
  close(): Promise<void>;
}

export const startSandboxPayments = async (
  options: Omit<SandboxChannelServerOptions, 'secret'> = {},
): Promise<SandboxPayments> => {
  const secret = randomBytes(24).toString('base64url');
  const server = await startSandboxChannelServer({ secret, notificationRetryDelaysMs: [], ...options });
  const adapterWith = ({ baseUrl = server.baseUrl, timeoutMs }: { baseUrl?: string; timeoutMs?: number }) =>
    createSandboxChannel({ baseUrl, secret, ...(timeoutMs ? { timeoutMs } : {}) });
  const adapter = adapterWith({});
  const paymentInput = (order: CheckoutOrder, notice: PaymentNotice, notifyUrl = NOWHERE): CreatePaymentInput => ({
    orderNumber: order.orderNumber,
    amountFen: order.amountFen,
    subject: `${notice.itemNameZh} ${notice.paymentCode}`.slice(0, 120),
    expiresAt: notice.dueAt,
    returnUrl: 'http://127.0.0.1:9/return',
    notifyUrl,
  });
  return {
    server,
    adapter,
    channels: new Map([['sandbox', { adapter, method: 'pagePay' }]]),
    paymentInput,
    createPayment: async (order, notice, notifyUrl) => {
      const instruction = await adapter.createPayment(paymentInput(order, notice, notifyUrl));
      if (instruction.kind !== 'redirect') throw new Error(`unexpected instruction ${instruction.kind}`);
      return instruction.url;
    },
    pay: async (orderNumber) => {
      const response = await fetch(`${server.baseUrl}/sandbox/pay/${orderNumber}`, { redirect: 'manual' });
      await response.body?.cancel();
      return response.headers.get('location');
    },
    adapterWith,
    paidNotification: async (orderNumber, deliveredAt = new Date()) => {
      const state = await adapter.queryPayment(orderNumber);
      if (state.status !== 'paid') throw new Error(`order ${orderNumber} is ${state.status}, not paid`);
      const body = JSON.stringify({
        id: `evt_${state.channelTransactionId}_paid`,
        type: 'payment.succeeded',
        createdAt: deliveredAt.toISOString(),
        data: {
          orderNumber,
          transactionId: state.channelTransactionId,
          amountFen: state.amountFen,
          paidAt: state.paidAt,
        },
      });
      return {
        headers: {
          'content-type': 'application/json',
          [SANDBOX_SIGNATURE_HEADER]: signSandboxPayload(secret, body, deliveredAt.getTime()),
        },
        body,
      };
    },
    close: () => server.close(),
  };
};
