import { type ActingOfficer, approveRefund, rejectRefund } from './approve-refund.ts';
import { executeRefund } from './execute-refund.ts';
import type { Refund } from './refund.ts';
import type { RefundServiceDependencies } from './refund-dependencies.ts';
import { getDepartmentRefund, listNoticeRefunds, listRefundsAwaitingApproval } from './refund-queries.ts';
import { requestRefund } from './request-refund.ts';
import { type ResumeReport, resumePendingRefunds } from './resume-pending-refunds.ts';

/** The refunds domain bound to its dependencies: what the payments API, the finance console and the scheduler call. */
export interface RefundService {
  /** Payments API (department): `POST /v1/notices/{id}/refunds`. */
  requestRefund(departmentId: string, noticeId: string, body: Readonly<Record<string, unknown>>): Promise<Refund>;
  /** Payments API (department): `GET /v1/refunds/{refundId}`. */
  getDepartmentRefund(departmentId: string, refundId: string): Promise<Refund>;
  /** Payments API (department): `GET /v1/notices/{id}/refunds`. */
  listNoticeRefunds(departmentId: string, noticeId: string): Promise<Refund[]>;
  /** Finance console: the queue of refunds to approve or reject. */
  listRefundsAwaitingApproval(limit?: number): Promise<Refund[]>;
  /** Finance console: an officer (found by the blind index of their ID number) approves. */
  approveRefund(refundId: string, officer: ActingOfficer, now?: Date): Promise<Refund>;
  /** Finance console: an officer rejects, with a reason. */
  rejectRefund(refundId: string, officer: ActingOfficer, reason: unknown, now?: Date): Promise<Refund>;
  /** Normally run by the second approval; exposed for operators. */
  executeRefund(refundId: string): Promise<Refund>;
  /** Scheduler: carry on refunds left approved or executing, and pending hooks. */
  resumePendingRefunds(now?: Date): Promise<ResumeReport>;
}

export const createRefundService = (deps: RefundServiceDependencies): RefundService => ({
  requestRefund: (departmentId, noticeId, body) => requestRefund(deps, departmentId, noticeId, body),
  getDepartmentRefund: (departmentId, refundId) => getDepartmentRefund(deps, departmentId, refundId),
  listNoticeRefunds: (departmentId, noticeId) => listNoticeRefunds(deps, departmentId, noticeId),
  listRefundsAwaitingApproval: (limit) => listRefundsAwaitingApproval(deps, limit),
  approveRefund: (refundId, officer, now) => approveRefund(deps, refundId, officer, now),
  rejectRefund: (refundId, officer, reason, now) => rejectRefund(deps, refundId, officer, reason, now),
  executeRefund: (refundId) => executeRefund(deps, refundId),
  resumePendingRefunds: (now) => resumePendingRefunds(deps, now),
});
