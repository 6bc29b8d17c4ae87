export {
  type ApplyPaymentDependencies,
  applyPayment,
  type PaymentOutcome,
  type PaymentSource,
  type ReceiptIssuer,
} from './apply-payment.ts';
export {
  CHANNEL_VARIABLES,
  CHECKOUT_CHANNELS,
  ChannelConfigurationError,
  type ChannelRegistry,
  type CheckoutChannelId,
  channelRegistryFromEnvironment,
  type EnabledChannel,
  isCheckoutChannel,
} from './channel-registry.ts';
export {
  type CheckoutOrder,
  type CheckoutStore,
  DynamoDbCheckoutStore,
  type FlaggedPayment,
  type FlagReason,
  type OpenOrders,
  type OrderSettlement,
} from './checkout-store.ts';
export { decideOrderCheck, type OrderCheck, type OrderCheckDecision } from './decide-order-check.ts';
export { findNoticeByCode, isSettled } from './find-notice.ts';
export {
  FIRST_CHECK_AFTER_MS,
  LONGEST_CHECK_PAUSE_MS,
  nextCheckAt,
  OPEN_ORDER_INDEX,
  OPEN_ORDER_SHARDS,
  openOrderShard,
} from './open-order-index.ts';
export { orderNumberFor } from './order-number.ts';
export { type SweepDependencies, type SweepReport, sweepOpenOrders } from './sweep-open-orders.ts';
