import { both, html } from '@platform/html';
import type { FinanceSummary } from '@platform/reconciliation';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { columnChart, yuan } from './charts.ts';
import { type ConsoleViewer, consolePage } from './console-layout.ts';
import { breakdown, summaryCards } from './summary-parts.ts';

/** A day of the month and its net (over every channel), for the column chart and the table under it. */
export interface DayNet {
  readonly day: string;
  readonly netFen: number;
  readonly collectedFen: number;
  readonly discrepancyCount: number;
}

/** `/finance/month?month=`: the month's summary, its net by day as columns, and the breakdowns. */
export const monthPage = (
  month: string,
  summary: FinanceSummary,
  days: readonly DayNet[],
  viewer: ConsoleViewer,
): APIGatewayProxyStructuredResultV2 =>
  consolePage(
    200,
    { zh: `${month} 对账月报`, en: `Month report ${month}` },
    html`<form method="get" action="/finance/month"><label for="month">${both({ zh: '月份', en: 'Month' })}</label> <input type="month" id="month" name="month" value="${month}" required> <button type="submit">${both({ zh: '查看', en: 'Show' })}</button>
<a href="/finance/reports?period=${month}&amp;format=csv" id="export-csv">CSV</a> · <a href="/finance/reports?period=${month}&amp;format=json" id="export-json">JSON</a></form>
${summaryCards(summary.total)}
<h2>${both({ zh: '每日净额', en: 'Net by day' })}</h2>
${columnChart({ title: `${month} 每日净额 net by day`, columns: days.map((day) => ({ label: day.day.slice(8), value: day.netFen, tone: 'net' })) })}
<table id="days"><thead><tr><th>日期 Day</th><th class="num">实收 Collected</th><th class="num">净额 Net</th><th class="num">差异 Discrepancies</th></tr></thead><tbody>${days.map((day) => html`<tr><td><a href="/finance?day=${day.day}">${day.day}</a></td><td class="num">${yuan(day.collectedFen)}</td><td class="num">${yuan(day.netFen)}</td><td class="num">${day.discrepancyCount}</td></tr>`)}</tbody></table>
<div class="grid">${breakdown(summary, 'channel')}${breakdown(summary, 'department')}</div>
${breakdown(summary, 'item_code')}`,
    viewer,
  );
