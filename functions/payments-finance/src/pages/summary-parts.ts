import { type Bilingual, both, html, type SafeHtml } from '@platform/html';
import type { DiscrepancyView, FinanceSummary, SummaryRow, SummaryScope } from '@platform/reconciliation';
import { horizontalBarChart, yuan } from './charts.ts';
import { CHANNEL_LABELS, CLASS_LABELS, inline, labelOf, REASON_LABELS, STATUS_LABELS } from './labels.ts';

/** Parts the day and month pages share: the four cards, a breakdown (chart + table), the discrepancy list. */
export const summaryCards = (total: FinanceSummary['total']): SafeHtml => {
  const card = (id: string, label: Bilingual, fen: number) =>
    html`<div class="card" id="${id}" data-fen="${fen}">${both(label)}<strong>${yuan(fen)}</strong></div>`;
  return html`<div class="cards">${card('collected', { zh: '实收', en: 'Collected' }, total.collectedFen)}${card('refunded', { zh: '退款', en: 'Refunded' }, total.refundedFen)}${card('fees', { zh: '手续费', en: 'Fees' }, total.feesFen)}${card('net', { zh: '净额', en: 'Net' }, total.netFen)}</div>
<p class="muted">${both({ zh: `已匹配 ${total.matchedCount} 笔，差异 ${total.discrepancyCount} 笔，平台净额 ${yuan(total.platformNetFen)}，差额 ${yuan(total.differenceFen)}`, en: `${total.matchedCount} matched, ${total.discrepancyCount} discrepancies, platform net ${yuan(total.platformNetFen)}, difference ${yuan(total.differenceFen)}` })}</p>`;
};

const SCOPES: Readonly<Record<SummaryScope, Bilingual>> = {
  channel: { zh: '按渠道', en: 'By channel' },
  department: { zh: '按执收单位', en: 'By department' },
  item_code: { zh: '按项目编码', en: 'By item code' },
};

const keyLabel = (scope: SummaryScope, key: string): string =>
  scope === 'channel' ? inline(labelOf(CHANNEL_LABELS, key)) : key;

/** One scope of the summary: collected per key as bars, and the full figures in a table beside them. */
export const breakdown = (summary: FinanceSummary, scope: SummaryScope): SafeHtml => {
  const rows: SummaryRow[] = summary.rows.filter((row) => row.scope === scope);
  const title = SCOPES[scope];
  return html`<section id="by-${scope}"><h2>${both(title)}</h2>
${horizontalBarChart({ title: `${inline(title)}: ${inline({ zh: '实收', en: 'collected' })}`, bars: rows.map((row) => ({ label: keyLabel(scope, row.key), value: row.collectedFen, tone: 'collected' })) })}
<table><thead><tr><th></th><th class="num">实收 Collected</th><th class="num">退款 Refunded</th><th class="num">手续费 Fees</th><th class="num">净额 Net</th><th class="num">差额 Difference</th><th class="num">匹配 Matched</th><th class="num">差异 Discrepancies</th></tr></thead>
<tbody>${rows.map((row) => html`<tr data-key="${row.key}"><th>${keyLabel(scope, row.key)}</th><td class="num">${yuan(row.collectedFen)}</td><td class="num">${yuan(row.refundedFen)}</td><td class="num">${yuan(row.feesFen)}</td><td class="num">${yuan(row.netFen)}</td><td class="num">${yuan(row.differenceFen)}</td><td class="num">${row.matchedCount}</td><td class="num">${row.discrepancyCount}</td></tr>`)}</tbody></table></section>`;
};

const money = (fen: number | undefined): string => (fen === undefined ? '—' : yuan(fen));

/** Discrepancies with class, reason, both sides' amounts and workflow state; each links to its page. */
export const discrepancyTable = (views: readonly DiscrepancyView[]): SafeHtml =>
  views.length === 0
    ? html`<p class="muted" id="no-discrepancies">${both({ zh: '没有差异。', en: 'No discrepancies.' })}</p>`
    : html`<table id="discrepancies"><thead><tr><th>日期 Day</th><th>渠道 Channel</th><th>类别 Class</th><th>订单号 Order</th><th class="num">对账单 Statement</th><th class="num">平台 Platform</th><th>状态 State</th></tr></thead><tbody>${views.map(
        ({ discrepancy: d, state }) =>
          html`<tr class="discrepancy" data-discrepancy-id="${d.discrepancyId}" data-class="${d.class}" data-status="${state.status}"><td>${d.businessDate}</td><td>${inline(labelOf(CHANNEL_LABELS, d.channel))}</td><td>${inline(labelOf(CLASS_LABELS, d.class))}<br><span class="muted">${inline(labelOf(REASON_LABELS, d.reason))}</span></td><td><a href="/finance/discrepancies/${encodeURIComponent(d.discrepancyId)}">${d.key.kind === 'refund' ? `${d.key.orderNumber} / ${d.key.refundNumber ?? ''}` : d.key.orderNumber}</a></td><td class="num">${money(d.statement?.amountFen)}</td><td class="num">${money(d.platform?.amountFen)}</td><td><span class="tag ${state.status}">${inline(labelOf(STATUS_LABELS, state.status))}</span></td></tr>`,
      )}</tbody></table>`;
