import { describe, expect, it } from 'vitest';
import type { FinanceOfficer } from './finance-officer.ts';
import type { Refund } from './refund.ts';
import {
  decideApproval,
  decideExecutionPending,
  decideExecutionStart,
  decideFailure,
  decideHooksDone,
  decideRejection,
  decideSuccess,
} from './refund-decisions.ts';
import { REFUND_TRANSITIONS } from './refund-transitions.ts';

const AT = '2026-11-23T08:00:00.000Z';

const officer = (n: number): FinanceOfficer => ({
  officerIndex: `officer-index-${String(n).padStart(4, '0')}-abcdef`,
  maskedIdNumber: '110***********001X',
  maskedName: `王*${n}`,
  regionCode: '110000',
  roles: ['refund_approver'],
  status: 'active',
  grantedAt: AT,
  updatedAt: AT,
});

const requested = (): Refund => ({
  refundId: 'RF0001',
  noticeId: 'AAAAAAAAAAAAAAAAAAAAAA',
  departmentId: 'bj-public-security',
  regionCode: '110105',
  itemCode: '103050101',
  amountFen: 3_000,
  reason: '多缴退费',
  channel: 'sandbox',
  paymentId: 'SB0123',
  paymentTransactionId: 'sbx_1',
  state: 'requested',
  version: 1,
  requestedAt: AT,
  updatedAt: AT,
  approvals: [],
  hooksPending: false,
});

describe('the refund state machine', () => {
  it('needs two distinct officers: the first approval keeps it requested, the second approves it', () => {
    const once = decideApproval(requested(), officer(1), AT);
    expect(once).toMatchObject({ state: 'requested', version: 2 });
    expect(once.approvals).toEqual([{ officerIndex: officer(1).officerIndex, maskedName: '王*1', approvedAt: AT }]);
    const twice = decideApproval(once, officer(2), AT);
    expect(twice).toMatchObject({ state: 'approved', version: 3 });
    expect(twice.approvals.map((a) => a.officerIndex)).toEqual([officer(1).officerIndex, officer(2).officerIndex]);
  });

  it('refuses a second approval by the same officer', () => {
    const once = decideApproval(requested(), officer(1), AT);
    expect(() => decideApproval(once, officer(1), AT)).toThrow(
      expect.objectContaining({ code: 'refund_already_approved_by_officer', status: 409 }),
    );
  });

  it('lets any one officer reject a requested refund, with a reason of 1 to 200 characters', () => {
    const rejected = decideRejection(requested(), officer(3), ' 重复申请 ', AT);
    expect(rejected).toMatchObject({ state: 'rejected', hooksPending: true, rejection: { reason: '重复申请' } });
    for (const reason of ['', '   ', 'x'.repeat(201), 42, undefined]) {
      expect(() => decideRejection(requested(), officer(3), reason, AT)).toThrow(
        expect.objectContaining({ code: 'invalid_rejection_reason', field: 'reason' }),
      );
    }
  });

  it('refuses approving or rejecting once approved, and executing before approval', () => {
    const approved = decideApproval(decideApproval(requested(), officer(1), AT), officer(2), AT);
    for (const change of [
      () => decideApproval(approved, officer(3), AT),
      () => decideRejection(approved, officer(3), 'too late', AT),
      () => decideExecutionStart(requested(), AT),
    ]) {
      expect(change).toThrow(expect.objectContaining({ code: 'refund_state_conflict', status: 409 }));
    }
  });

  it('executes approved → executing, counts attempts, and may start again from executing (resume)', () => {
    const approved = decideApproval(decideApproval(requested(), officer(1), AT), officer(2), AT);
    const first = decideExecutionStart(approved, AT);
    expect(first).toMatchObject({ state: 'executing', execution: { attempts: 1, startedAt: AT } });
    const pending = decideExecutionPending(first, 'ChannelUnavailableError: timeout', AT);
    expect(pending).toMatchObject({ state: 'executing', execution: { attempts: 1, lastError: expect.any(String) } });
    expect(decideExecutionStart(pending, AT).execution?.attempts).toBe(2);
  });

  it('ends executing as succeeded or failed, each with its hooks pending, then hooks done', () => {
    const executing = decideExecutionStart(
      decideApproval(decideApproval(requested(), officer(1), AT), officer(2), AT),
      AT,
    );
    const succeeded = decideSuccess(executing, { refundedAt: AT, channelRefundId: 'sbr_1' }, AT);
    expect(succeeded).toMatchObject({ state: 'succeeded', hooksPending: true, settlement: { refundedAt: AT } });
    expect(decideHooksDone(succeeded, AT)).toMatchObject({ state: 'succeeded', hooksPending: false });
    const failed = decideFailure(executing, { reason: 'order_not_paid', failedAt: AT }, AT);
    expect(failed).toMatchObject({ state: 'failed', hooksPending: true });
    expect(() => decideSuccess(failed, { refundedAt: AT }, AT)).toThrow(
      expect.objectContaining({ code: 'refund_state_conflict' }),
    );
  });

  it('names for every transition the states it may start from', () => {
    expect(REFUND_TRANSITIONS).toEqual({
      approve: ['requested'],
      reject: ['requested'],
      execute: ['approved', 'executing'],
      succeed: ['executing'],
      fail: ['executing'],
      settleHooks: ['succeeded', 'failed', 'rejected'],
    });
  });
});
