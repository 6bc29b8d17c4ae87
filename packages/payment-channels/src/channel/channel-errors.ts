import type { ChannelCapability, ChannelId } from './capabilities.ts';
import type { ChannelAcknowledgement } from './payment-channel.ts';

/**
 * Every failure an adapter throws on purpose is one of these classes. Adapters translate their SDK's and their wire's
 * errors here, so SDK types never reach the platform. `retrySafe` says whether repeating the same call as it was is
 * safe and may succeed. Create and refund are idempotent on the platform's numbers, so a retry cannot charge or refund
 * twice.
 */
export abstract class ChannelError extends Error {
  abstract readonly retrySafe: boolean;
  readonly channel: ChannelId;

  constructor(channel: ChannelId, message: string, options?: ErrorOptions) {
    super(message, options);
    this.channel = channel;
    this.name = new.target.name;
  }
}

/** The channel cannot do this (see `capabilities`). Calling it again does not help, so offer another channel. */
export class ChannelUnsupportedError extends ChannelError {
  readonly retrySafe = false;
  readonly capability: ChannelCapability;

  constructor(channel: ChannelId, capability: ChannelCapability) {
    super(channel, `The ${channel} channel does not support ${capability}.`);
    this.capability = capability;
  }
}

/**
 * The channel did not answer in time, answered 5xx, or said it is busy. The outcome is unknown, and the same call may
 * be repeated later.
 */
export class ChannelUnavailableError extends ChannelError {
  readonly retrySafe = true;
}

/**
 * Why a channel said no, in the platform's words. Each adapter maps its channel's codes to one of these, and the
 * channel's own code and message stay on the error for operators.
 */
export type ChannelRejectionReason =
  /** No such order at the channel. */
  | 'order_not_found'
  /** The order is paid, so it cannot be paid again or closed. */
  | 'order_paid'
  /** The order is closed, so it cannot be paid. */
  | 'order_closed'
  /** Refund of an order that was never paid. */
  | 'order_not_paid'
  /** The order number is already used for a different amount or subject. */
  | 'order_conflict'
  /** The refund would take the refunded total above the amount paid. */
  | 'refund_exceeds_paid'
  /** The refund number is already used for a different amount or order. */
  | 'refund_conflict'
  /** The channel no longer takes refunds for this payment, for example after its refund window. */
  | 'refund_not_allowed'
  /** The merchant account cannot fund the refund. */
  | 'insufficient_balance'
  /** The request itself is malformed. This is a bug on our side. */
  | 'invalid_request'
  /** Keys, app id, permissions or contracted products are wrong. Operators must act. */
  | 'configuration'
  | 'other';

/** The channel understood the request and refused it. The same call will be refused again. */
export class ChannelRejectedError extends ChannelError {
  readonly retrySafe = false;
  readonly reason: ChannelRejectionReason;
  readonly channelCode: string;
  readonly channelMessage: string;

  constructor(
    channel: ChannelId,
    reason: ChannelRejectionReason,
    channelCode: string,
    channelMessage: string,
    options?: ErrorOptions,
  ) {
    super(channel, `The ${channel} channel refused the request (${reason}): ${channelCode} ${channelMessage}`, options);
    this.reason = reason;
    this.channelCode = channelCode;
    this.channelMessage = channelMessage;
  }
}

/**
 * The channel answered something that cannot be trusted or understood: a bad response signature, a missing field,
 * an unknown status. The outcome is unknown. Query before acting, and alert an operator. A bad signature can mean a
 * key rotation or an attacker in the path.
 */
export class ChannelProtocolError extends ChannelError {
  readonly retrySafe = false;
}

/**
 * A notification that did not verify: a bad or missing signature, another merchant's app, or a malformed body. Nothing
 * in it may be believed. `acknowledgement` is the answer to send back. For a real channel it asks for redelivery, so a
 * genuine notification refused by a misconfiguration is sent again once the configuration is fixed.
 */
export class NotificationRejectedError extends ChannelError {
  readonly retrySafe = false;
  readonly acknowledgement: ChannelAcknowledgement;

  constructor(channel: ChannelId, message: string, acknowledgement: ChannelAcknowledgement, options?: ErrorOptions) {
    super(channel, message, options);
    this.acknowledgement = acknowledgement;
  }
}

/** The statement for that business day is not published yet (the day is not over, or the channel is still working). */
export class StatementNotReadyError extends ChannelError {
  readonly retrySafe = true;
  readonly businessDate: string;

  constructor(channel: ChannelId, businessDate: string, options?: ErrorOptions) {
    super(channel, `The ${channel} statement for ${businessDate} is not available yet.`, options);
    this.businessDate = businessDate;
  }
}
