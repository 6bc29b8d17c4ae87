import { both, html } from '@platform/html';
import type { DiscrepancyView, FinanceSummary } from '@platform/reconciliation';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { type ConsoleViewer, consolePage } from './console-layout.ts';
import { CHANNEL_LABELS, inline, labelOf } from './labels.ts';
import { breakdown, discrepancyTable, summaryCards } from './summary-parts.ts';

/**
 * `/finance?day=`: one business day over every channel's current run — cards, breakdowns by channel, department and
 * item code, the runs with the statement each used (its SHA-256), and the day's discrepancies with their state.
 */
export const dayPage = (
  day: string,
  summary: FinanceSummary,
  discrepancies: readonly DiscrepancyView[],
  viewer: ConsoleViewer,
): APIGatewayProxyStructuredResultV2 =>
  consolePage(
    200,
    { zh: `${day} 对账日报`, en: `Day report ${day}` },
    html`<form method="get" action="/finance"><label for="day">${both({ zh: '业务日期（北京时间）', en: 'Business day (Asia/Shanghai)' })}</label> <input type="date" id="day" name="day" value="${day}" required> <button type="submit">${both({ zh: '查看', en: 'Show' })}</button>
<a href="/finance/reports?period=${day}&amp;format=csv" id="export-csv">CSV</a> · <a href="/finance/reports?period=${day}&amp;format=json" id="export-json">JSON</a> · <a href="/finance/reports?period=${day}&amp;format=csv&amp;report=discrepancies">${both({ zh: '差异明细 CSV', en: 'Discrepancies CSV' })}</a></form>
${summary.runs.length === 0 ? html`<div class="alert" id="no-runs">${both({ zh: '当日尚无对账结果。', en: 'No reconciliation run for this day yet.' })}</div>` : ''}
${summaryCards(summary.total)}
<div class="grid">${breakdown(summary, 'channel')}${breakdown(summary, 'department')}</div>
${breakdown(summary, 'item_code')}
<h2>${both({ zh: '对账批次', en: 'Runs' })}</h2>
<table id="runs"><thead><tr><th>渠道 Channel</th><th>批次 Run</th><th>对账单 SHA-256 Statement</th></tr></thead><tbody>${summary.runs.map((run) => html`<tr data-channel="${run.channel}"><td>${inline(labelOf(CHANNEL_LABELS, run.channel))}</td><td><code>${run.runId}</code></td><td><code title="${run.statementSha256}">${run.statementSha256.slice(0, 16)}…</code></td></tr>`)}</tbody></table>
<h2>${both({ zh: '当日差异', en: 'Discrepancies of the day' })}</h2>
${discrepancyTable(discrepancies)}`,
    viewer,
  );
