import { both, html } from '@platform/html';
import { REQUIRED_APPROVALS, type Refund } from '@platform/refunds';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { yuan } from './charts.ts';
import { type ConsoleViewer, consolePage } from './console-layout.ts';
import { CHANNEL_LABELS, inline, labelOf } from './labels.ts';

/**
 * `/finance/refunds`: refunds waiting for officers. Two DIFFERENT officers approve; the page says how many have and
 * does not offer a second approval to the officer who gave the first (the service refuses it anyway).
 */
export const refundsPage = (
  refunds: readonly Refund[],
  officerIndex: string,
  viewer: ConsoleViewer,
  done?: string,
): APIGatewayProxyStructuredResultV2 =>
  consolePage(
    200,
    { zh: '退款审批', en: 'Refund approval' },
    html`${done ? html`<div class="notice" role="status" id="done">${both({ zh: '已记录。', en: 'Recorded.' })}</div>` : ''}
<p>${both({ zh: `每笔退款须由两名不同的财政局工作人员批准后方可执行；任一人可驳回（须说明理由）。`, en: `Each refund needs the approval of ${REQUIRED_APPROVALS} different finance officers before the money moves; any one of them may reject it, with a reason.` })}</p>
${
  refunds.length === 0
    ? html`<p class="muted" id="no-refunds">${both({ zh: '没有待审批的退款。', en: 'No refund awaiting approval.' })}</p>`
    : html`<table id="refunds"><thead><tr><th>退款单号 Refund</th><th>缴款通知 Notice</th><th>渠道 Channel</th><th class="num">金额 Amount</th><th>原因 Reason</th><th>审批 Approvals</th><th></th></tr></thead><tbody>${refunds.map(
        (refund) => {
          const mine = refund.approvals.some((approval) => approval.officerIndex === officerIndex);
          const base = `/finance/refunds/${encodeURIComponent(refund.refundId)}`;
          return html`<tr class="refund" data-refund-id="${refund.refundId}" data-approvals="${refund.approvals.length}"><td><code>${refund.refundId}</code><br><span class="muted">${refund.requestedAt}</span></td><td>${refund.noticeId}<br><span class="muted">${refund.departmentId} · ${refund.itemCode}</span></td><td>${inline(labelOf(CHANNEL_LABELS, refund.channel))}</td><td class="num">${yuan(refund.amountFen)}</td><td>${refund.reason}</td><td>${refund.approvals.length}/${REQUIRED_APPROVALS}${refund.approvals.map((approval) => html`<br><span class="muted">${approval.maskedName} ${approval.approvedAt}</span>`)}</td><td>${
            mine
              ? html`<span class="muted" id="approved-by-me">${both({ zh: '您已批准，须另一名工作人员批准', en: 'You approved; another officer must too' })}</span>`
              : html`<form method="post" action="${base}/approve" class="inline"><input type="hidden" name="csrf" value="${viewer.csrfToken}"><button type="submit" class="approve">${both({ zh: '批准', en: 'Approve' })}</button></form>`
          }
<form method="post" action="${base}/reject"><input type="hidden" name="csrf" value="${viewer.csrfToken}"><label>${both({ zh: '驳回理由', en: 'Reason to reject' })}<br><input name="reason" required maxlength="200"></label> <button type="submit" class="danger reject">${both({ zh: '驳回', en: 'Reject' })}</button></form></td></tr>`;
        },
      )}</tbody></table>`
}`,
    viewer,
  );
