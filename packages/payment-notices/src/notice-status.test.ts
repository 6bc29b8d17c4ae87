import { describe, expect, it } from 'vitest';
import { canTransition, isFinalStatus, NOTICE_STATUSES, type NoticeTransition } from './notice-status.ts';

/** The lifecycle as a specification: each row lists the states a transition may start from. */
const EXPECTED: Record<NoticeTransition, string[]> = {
  pay: ['issued'],
  cancel: ['issued'],
  expire: ['issued'],
  refund: ['paid', 'partially_refunded'],
  release: ['partially_refunded', 'refunded'],
};

describe('the notice state machine', () => {
  for (const [transition, from] of Object.entries(EXPECTED) as [NoticeTransition, string[]][]) {
    for (const status of NOTICE_STATUSES) {
      const allowed = from.includes(status);
      it(`${allowed ? 'allows' : 'refuses'} ${transition} from ${status}`, () => {
        expect(canTransition(status, transition)).toBe(allowed);
      });
    }
  }

  it('has cancelled and expired as its final states (a committed refund can still be released)', () => {
    expect(NOTICE_STATUSES.filter(isFinalStatus)).toEqual(['cancelled', 'expired']);
  });
});
