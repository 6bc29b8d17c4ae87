import { describe, expect, it } from 'vitest';
import { DiscrepancyWorkflowError, decideAction, initialState } from './discrepancy-workflow.ts';

const AT = '2026-11-23T01:00:00.000Z';
const open = initialState('alipay.2026-11-22.0123456789abcdef01234567');

describe('decideAction', () => {
  it('walks open → assigned → escalated → assigned → resolved, one audit entry per action', () => {
    const assigned = decideAction(open, { type: 'assign', assignee: 'officer-2' }, 'lead-1', AT);
    expect(assigned.next).toMatchObject({ status: 'assigned', assignee: 'officer-2', version: 1 });
    expect(assigned.entry).toEqual({
      discrepancyId: open.discrepancyId,
      sequence: 1,
      action: 'assign',
      actor: 'lead-1',
      at: AT,
      from: 'open',
      to: 'assigned',
      assignee: 'officer-2',
    });
    const escalated = decideAction(assigned.next, { type: 'escalate', note: 'department to confirm' }, 'officer-2', AT);
    expect(escalated.next).toMatchObject({ status: 'escalated', version: 2 });
    const back = decideAction(escalated.next, { type: 'assign', assignee: 'officer-3' }, 'lead-1', AT);
    const resolved = decideAction(back.next, { type: 'resolve', reason: 'applied_to_notice' }, 'officer-3', AT);
    expect(resolved.next).toMatchObject({
      status: 'resolved',
      version: 4,
      resolution: { reason: 'applied_to_notice', by: 'officer-3', at: AT },
    });
    expect(resolved.entry).toMatchObject({
      sequence: 4,
      from: 'assigned',
      to: 'resolved',
      reason: 'applied_to_notice',
    });
  });

  it('comments in any state without changing it', () => {
    const resolved = decideAction(open, { type: 'resolve', reason: 'channel_error_confirmed' }, 'lead-1', AT).next;
    const commented = decideAction(resolved, { type: 'comment', note: '对方已确认' }, 'officer-2', AT);
    expect(commented.next).toMatchObject({ status: 'resolved', version: 2 });
    expect(commented.entry).toMatchObject({ action: 'comment', from: 'resolved', to: 'resolved', note: '对方已确认' });
  });

  it.each([
    ['resolving a resolved one', { type: 'resolve', reason: 'other', note: 'x' }, 'discrepancy_transition_not_allowed'],
    ['escalating a resolved one', { type: 'escalate', note: 'x' }, 'discrepancy_transition_not_allowed'],
    ['assigning a resolved one', { type: 'assign', assignee: 'a' }, 'discrepancy_transition_not_allowed'],
  ] as const)('refuses %s', (_, action, code) => {
    const resolved = decideAction(open, { type: 'resolve', reason: 'refund_to_payer' }, 'lead-1', AT).next;
    expect(() => decideAction(resolved, action, 'lead-1', AT)).toThrow(
      expect.objectContaining({ code }) as unknown as Error,
    );
  });

  it.each([
    ['an "other" resolution without a note', { type: 'resolve', reason: 'other' }],
    ['an unknown reason', { type: 'resolve', reason: 'because' }],
    ['an empty comment', { type: 'comment', note: '   ' }],
    ['an escalation without a note', { type: 'escalate', note: '' }],
    ['an assignment to nobody', { type: 'assign', assignee: ' ' }],
    ['a note of 2,001 characters', { type: 'comment', note: 'x'.repeat(2_001) }],
  ])('refuses %s as invalid', (_, action) => {
    expect(() => decideAction(open, action as never, 'lead-1', AT)).toThrow(DiscrepancyWorkflowError);
    expect(() => decideAction(open, action as never, 'lead-1', AT)).toThrow(
      expect.objectContaining({ code: 'discrepancy_action_invalid' }) as unknown as Error,
    );
  });

  it('needs an actor', () => {
    expect(() => decideAction(open, { type: 'comment', note: 'x' }, '', AT)).toThrow(DiscrepancyWorkflowError);
  });
});
