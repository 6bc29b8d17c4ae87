/**
 * The notice lifecycle:
 *
 *   issued ──pay──► paid ──refund──► partially_refunded ──refund──► refunded
 *     │                └───────────refund (in full)───────────────────┘
 *     │                ◄───────────release (the reverse of refund)──────
 *     ├──cancel──► cancelled
 *     └──expire──► expired
 *
 * The table below is the single statement of which states each transition may start from; the store turns it into
 * the condition of its write (`#status IN (…)`), so the database, not a prior read, enforces it.
 */
export const NOTICE_STATUSES = ['issued', 'paid', 'partially_refunded', 'refunded', 'cancelled', 'expired'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];

export type NoticeTransition = 'pay' | 'cancel' | 'expire' | 'refund' | 'release';

export interface TransitionRule {
  readonly from: readonly NoticeStatus[];
  readonly to: readonly NoticeStatus[];
}

export const NOTICE_TRANSITIONS: Readonly<Record<NoticeTransition, TransitionRule>> = {
  pay: { from: ['issued'], to: ['paid'] },
  cancel: { from: ['issued'], to: ['cancelled'] },
  expire: { from: ['issued'], to: ['expired'] },
  // Which of the two targets depends on whether the refunds now add up to what was paid.
  refund: { from: ['paid', 'partially_refunded'], to: ['partially_refunded', 'refunded'] },
  // A refund is committed when requested; a rejected or failed one gives its amount back (to `paid` if none is left).
  release: { from: ['partially_refunded', 'refunded'], to: ['paid', 'partially_refunded'] },
};

export const allowedPriorStates = (transition: NoticeTransition): readonly NoticeStatus[] =>
  NOTICE_TRANSITIONS[transition].from;

export const canTransition = (from: NoticeStatus, transition: NoticeTransition): boolean =>
  NOTICE_TRANSITIONS[transition].from.includes(from);

/**
 * States no transition leaves. `refunded` is not one: its refunds are committed when requested, and one that is
 * rejected or fails is released. A new charge is always a new notice.
 */
export const isFinalStatus = (status: NoticeStatus): boolean =>
  !Object.values(NOTICE_TRANSITIONS).some((rule) => rule.from.includes(status));

export const isNoticeStatus = (value: unknown): value is NoticeStatus =>
  NOTICE_STATUSES.includes(value as NoticeStatus);
