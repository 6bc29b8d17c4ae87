import { both, html, type SafeHtml } from '@platform/html';
import type { DiscrepancyDetail, DiscrepancyView } from '@platform/reconciliation';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { yuan } from './charts.ts';
import { type ConsoleViewer, consolePage } from './console-layout.ts';
import {
  ACTION_LABELS,
  CHANNEL_LABELS,
  CLASS_LABELS,
  inline,
  labelOf,
  REASON_LABELS,
  RESOLUTION_LABELS,
  STATUS_LABELS,
} from './labels.ts';
import { discrepancyTable } from './summary-parts.ts';

/** `/finance/discrepancies?month=`: what is still to be worked, across channels and days. */
export const openDiscrepanciesPage = (
  month: string,
  views: readonly DiscrepancyView[],
  viewer: ConsoleViewer,
): APIGatewayProxyStructuredResultV2 =>
  consolePage(
    200,
    { zh: '待处理差异', en: 'Open discrepancies' },
    html`<form method="get" action="/finance/discrepancies"><label for="month">${both({ zh: '月份', en: 'Month' })}</label> <input type="month" id="month" name="month" value="${month}" required> <button type="submit">${both({ zh: '查看', en: 'Show' })}</button></form>
<p class="muted">${both({ zh: `${month} 未解决的差异 ${views.length} 笔`, en: `${views.length} unresolved in ${month}` })}</p>
${discrepancyTable(views)}`,
    viewer,
  );

/** Who acted, as people read it: the masked name when the actor is a known officer, else a short form of the id. */
export type ActorNames = ReadonlyMap<string, string>;

const actorName = (names: ActorNames, actor: string): string => names.get(actor) ?? `${actor.slice(0, 8)}…`;

const csrfField = (viewer: ConsoleViewer) => html`<input type="hidden" name="csrf" value="${viewer.csrfToken}">`;

const actionForms = (detail: DiscrepancyDetail, viewer: ConsoleViewer): SafeHtml => {
  const base = `/finance/discrepancies/${encodeURIComponent(detail.discrepancy.discrepancyId)}`;
  const status = detail.state.status;
  const note = (id: string, required: boolean) =>
    html`<label for="${id}">${both({ zh: '说明', en: 'Note' })}</label><br><textarea id="${id}" name="note" rows="2" cols="60" maxlength="2000"${required ? html` required` : ''}></textarea><br>`;
  return html`<h2>${both({ zh: '处理', en: 'Work it' })}</h2>
${status !== 'resolved' ? html`<form method="post" action="${base}/assign" class="inline">${csrfField(viewer)}<button type="submit" id="assign-to-me">${both({ zh: '认领给我', en: 'Assign to me' })}</button></form>` : ''}
<form method="post" action="${base}/comment">${csrfField(viewer)}${note('comment-note', true)}<button type="submit" id="comment">${both({ zh: '添加备注', en: 'Comment' })}</button></form>
${status === 'open' || status === 'assigned' ? html`<form method="post" action="${base}/escalate">${csrfField(viewer)}${note('escalate-note', true)}<button type="submit" id="escalate" class="danger">${both({ zh: '上报', en: 'Escalate' })}</button></form>` : ''}
${status !== 'resolved' ? html`<form method="post" action="${base}/resolve">${csrfField(viewer)}<label for="reason">${both({ zh: '解决原因', en: 'Reason' })}</label><br><select id="reason" name="reason" required>${Object.entries(RESOLUTION_LABELS).map(([value, label]) => html`<option value="${value}">${inline(label)}</option>`)}</select><br>${note('resolve-note', false)}<button type="submit" id="resolve">${both({ zh: '标记为已解决', en: 'Resolve' })}</button></form>` : ''}`;
};

/** `/finance/discrepancies/{id}`: both sides, the state, the forms allowed in that state, and the audit trail. */
export const discrepancyPage = (
  detail: DiscrepancyDetail,
  names: ActorNames,
  viewer: ConsoleViewer,
  done?: string,
): APIGatewayProxyStructuredResultV2 => {
  const { discrepancy: d, state, audit } = detail;
  const side = (label: string, value: string | undefined) => html`<tr><th>${label}</th><td>${value ?? '—'}</td></tr>`;
  return consolePage(
    200,
    { zh: '差异详情', en: 'Discrepancy' },
    html`${done ? html`<div class="notice" role="status" id="done">${both({ zh: '已记录。', en: 'Recorded.' })}</div>` : ''}
<p><span class="tag ${state.status}" id="state" data-status="${state.status}">${inline(labelOf(STATUS_LABELS, state.status))}</span>${state.assignee ? html` <span class="muted">${both({ zh: `处理人：${actorName(names, state.assignee)}`, en: `assignee: ${actorName(names, state.assignee)}` })}</span>` : ''}</p>
<table id="discrepancy" data-discrepancy-id="${d.discrepancyId}"><tbody>
${side('编号 Id', d.discrepancyId)}${side('业务日期 Day', d.businessDate)}${side('渠道 Channel', inline(labelOf(CHANNEL_LABELS, d.channel)))}
${side('类别 Class', `${inline(labelOf(CLASS_LABELS, d.class))} · ${inline(labelOf(REASON_LABELS, d.reason))}`)}
${side('类型 Kind', d.key.kind === 'refund' ? '退款 refund' : '缴款 payment')}${side('订单号 Order number', d.key.orderNumber)}${d.key.refundNumber ? side('退款单号 Refund number', d.key.refundNumber) : ''}
${side('对账单 Statement', d.statement && `${yuan(d.statement.amountFen)} (fee ${yuan(d.statement.feeFen)}) · ${d.statement.channelReference} · line ${d.statement.lineNumber} · ${d.statement.occurredAt}`)}
${side('平台 Platform', d.platform && `${yuan(d.platform.amountFen)} · ${d.platform.status} · ${d.platform.departmentId} · ${d.platform.itemCode} · ${d.platform.occurredAt}`)}
${state.resolution ? side('解决 Resolution', `${inline(labelOf(RESOLUTION_LABELS, state.resolution.reason))}${state.resolution.note ? ` — ${state.resolution.note}` : ''}`) : ''}
</tbody></table>
${d.class === 'overage' ? html`<p class="muted">${both({ zh: '长款须通过退款或冲抵至正确的缴款通知处理；此处记录处理决定。', en: 'Overage money is moved by a refund or by applying it to the right notice; this page records the decision.' })}</p>` : ''}
${actionForms(detail, viewer)}
<h2>${both({ zh: '处理记录', en: 'Audit trail' })}</h2>
${audit.length === 0 ? html`<p class="muted" id="no-audit">${both({ zh: '尚无处理记录。', en: 'No action yet.' })}</p>` : html`<table id="audit"><thead><tr><th>#</th><th>时间 At (UTC)</th><th>操作 Action</th><th>人员 Officer</th><th>状态 State</th><th>说明 Note</th></tr></thead><tbody>${audit.map((entry) => html`<tr class="audit-entry" data-action="${entry.action}"><td>${entry.sequence}</td><td>${entry.at}</td><td>${inline(labelOf(ACTION_LABELS, entry.action))}${entry.reason ? html`<br><span class="muted">${inline(labelOf(RESOLUTION_LABELS, entry.reason))}</span>` : ''}</td><td>${actorName(names, entry.actor)}</td><td>${inline(labelOf(STATUS_LABELS, entry.from))} → ${inline(labelOf(STATUS_LABELS, entry.to))}</td><td>${entry.note ?? ''}</td></tr>`)}</tbody></table>`}`,
    viewer,
  );
};
