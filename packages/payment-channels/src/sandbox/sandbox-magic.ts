/**
 * The sandbox is driven by magic values, like GOV.UK Pay's sandbox card numbers, so that every path the platform must
 * handle can be reached from a browser or a test with no set-up. The last two digits of the amount in fen choose the
 * behaviour (¥100.03 is 10003 fen and ends in 03). So does the payer name. The README has the same table.
 */
export type SandboxBehaviour =
  | 'normal'
  /** …01: visiting the pay page fails (channel error). The order stays pending and nothing is notified. */
  | 'payment_fails'
  /** …02: paid at once, but the notification leaves only after `notificationDelayMs`. */
  | 'notification_delayed'
  /** …03: the notification is sent twice, with the same event id. */
  | 'notification_duplicated'
  /** …04: paid, but no notification is ever sent. Only a query finds the payment. */
  | 'notification_withheld'
  /** …05: the first create for the order number records the order but never answers. A retry answers. */
  | 'create_times_out'
  /** …06: the notification is signed with a wrong secret, as a forger would. It must be rejected. */
  | 'notification_forged'
  /** Payer name 沙箱拒付: the payer is declined. The sandbox closes the order and notifies `payment.closed`. */
  | 'payer_declined';

export const SANDBOX_DECLINED_PAYER_NAME = '沙箱拒付';

const BY_LAST_TWO_DIGITS: Readonly<Record<number, SandboxBehaviour>> = {
  1: 'payment_fails',
  2: 'notification_delayed',
  3: 'notification_duplicated',
  4: 'notification_withheld',
  5: 'create_times_out',
  6: 'notification_forged',
};

/** The payer name wins over the amount. Amounts ending in 00 or 07–99 behave normally. */
export const sandboxBehaviourOf = (order: {
  readonly amountFen: number;
  readonly payerName?: string;
}): SandboxBehaviour =>
  order.payerName === SANDBOX_DECLINED_PAYER_NAME
    ? 'payer_declined'
    : (BY_LAST_TWO_DIGITS[order.amountFen % 100] ?? 'normal');
