import type { Bilingual } from '@platform/html';
import type { HttpHandler } from '@platform/http';
import { DiscrepancyWorkflowError } from '@platform/reconciliation';
import { type FinanceOfficer, RefundError } from '@platform/refunds';
import type { WebSession } from '@platform/web-sign-in';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { FinanceDependencies } from '../finance-dependencies.ts';
import { activeOfficer, type OfficerProfile } from '../officers/officer-profile.ts';
import type { ConsoleViewer } from '../pages/console-layout.ts';
import { badFormPage, notAnOfficerPage, refusalPage, signedOutPage } from '../pages/status-pages.ts';
import { formOf } from './form.ts';

/** The signed-in officer a route acts for. */
export interface OfficerContext {
  readonly session: WebSession<OfficerProfile>;
  readonly officer: FinanceOfficer;
  readonly viewer: ConsoleViewer;
  /** The posted form (forms only), its CSRF token already checked. */
  readonly form: URLSearchParams;
}

type OfficerRoute = (
  event: APIGatewayProxyEventV2,
  officer: OfficerContext,
) => Promise<APIGatewayProxyStructuredResultV2>;

const WORKFLOW_STATUS: Readonly<Record<string, number>> = {
  discrepancy_not_found: 404,
  discrepancy_transition_not_allowed: 409,
  discrepancy_action_invalid: 400,
  discrepancy_contended: 503,
};

const WORKFLOW_WORDS: Readonly<Record<string, string>> = {
  discrepancy_not_found: '当前对账批次中没有这笔差异（可能已被重新对账替换）。',
  discrepancy_transition_not_allowed: '该差异当前状态不允许此操作（可能已被他人处理）。',
  discrepancy_action_invalid: '填写不完整：请检查说明或原因。',
  discrepancy_contended: '该差异正被他人同时处理，请稍后重试。',
};

const REFUND_WORDS: Readonly<Record<string, string>> = {
  refund_not_found: '没有这笔退款。',
  officer_not_authorised: '您无权审批这笔退款（角色、辖区，或这是您本人的缴款）。',
  officer_not_found: '您不是登记在册的财政局工作人员。',
  refund_state_conflict: '这笔退款已不在待审批状态（可能已被他人处理）。',
  refund_already_approved_by_officer: '您已批准过这笔退款，须由另一名工作人员批准。',
  invalid_rejection_reason: '请填写驳回理由。',
  refund_contended: '这笔退款正被他人同时处理，请稍后重试。',
};

/** A service's refusal as a page: the status its code stands for, the words in both languages, the code itself. */
export const refusalOf = (
  error: unknown,
  back: string,
  viewer: ConsoleViewer,
): APIGatewayProxyStructuredResultV2 | undefined => {
  if (error instanceof DiscrepancyWorkflowError) {
    const message: Bilingual = { zh: WORKFLOW_WORDS[error.code] ?? error.code, en: error.message };
    return refusalPage(WORKFLOW_STATUS[error.code] ?? 400, error.code, message, back, viewer);
  }
  if (error instanceof RefundError) {
    const message: Bilingual = { zh: REFUND_WORDS[error.code] ?? '退款操作未执行。', en: error.message };
    return refusalPage(error.status, error.code, message, back, viewer);
  }
  return undefined;
};

/**
 * Every console route but sign-in runs as an officer: a session (else the signed-out page), an officer still active
 * in the registry (else 403: a revoked officer is out at once), and for forms the session's CSRF token (else 403,
 * nothing done). Refusals of the reconciliation and refund services become pages; anything else is a fault.
 */
export const asOfficer =
  (
    deps: FinanceDependencies,
    route: OfficerRoute,
    options: { readonly form?: boolean; readonly back?: string } = {},
  ): HttpHandler =>
  async (event) => {
    const session = await deps.signIn.session(event);
    if (!session) return options.form ? badFormPage() : signedOutPage();
    const officer = activeOfficer(await deps.findOfficer(session.profile.officerIndex));
    if (!officer) return notAnOfficerPage();
    const viewer: ConsoleViewer = {
      maskedName: session.profile.maskedName,
      csrfToken: deps.signIn.csrfToken(session),
      identityOrigin: deps.identityOrigin,
    };
    const form = options.form ? formOf(event) : new URLSearchParams();
    if (options.form && !deps.signIn.csrfValid(session, form.get('csrf') ?? undefined)) return badFormPage(viewer);
    try {
      return await route(event, { session, officer, viewer, form });
    } catch (error) {
      const page = refusalOf(error, options.back ?? event.rawPath ?? '/finance', viewer);
      if (!page) throw error;
      deps.logger.info('console action refused', { code: (error as { code?: string }).code });
      return page;
    }
  };

export const seeOther = (location: string): APIGatewayProxyStructuredResultV2 => ({
  statusCode: 303,
  headers: { location, 'cache-control': 'no-store' },
});
