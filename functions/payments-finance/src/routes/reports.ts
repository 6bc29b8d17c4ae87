import {
  type DiscrepancyView,
  dailySummary,
  discrepanciesCsv,
  monthlySummary,
  summaryCsv,
  summaryJson,
} from '@platform/reconciliation';
import type { FinanceDependencies } from '../finance-dependencies.ts';
import { badRequestPage } from '../pages/status-pages.ts';
import { asOfficer } from './as-officer.ts';
import { isBusinessDay, isMonth } from './business-day.ts';

async function* dayDiscrepancies(deps: FinanceDependencies, day: string): AsyncGenerator<DiscrepancyView> {
  for (const channel of deps.channels) yield* deps.discrepancies.listDiscrepancies(channel, day);
}

async function* once(text: string): AsyncGenerator<string> {
  yield text;
}

/**
 * `GET /finance/reports?period=YYYY-MM-DD|YYYY-MM&format=csv|json[&report=summary|discrepancies]`: the summary of a
 * day or month (CSV: BOM, CRLF, exact yuan; JSON: integer fen), or the discrepancies (a day's all, a month's open
 * ones) as CSV — all from the current runs, like the pages.
 */
export const exportReport = (deps: FinanceDependencies) =>
  asOfficer(deps, async (event, { viewer }) => {
    const query = event.queryStringParameters ?? {};
    const period = query.period ?? '';
    const format = query.format ?? 'csv';
    const report = query.report ?? 'summary';
    const day = isBusinessDay(period);
    if (
      (!day && !isMonth(period)) ||
      (format !== 'csv' && format !== 'json') ||
      (report !== 'summary' && report !== 'discrepancies') ||
      (report === 'discrepancies' && format !== 'csv')
    ) {
      return badRequestPage(
        {
          zh: '参数应为 period=YYYY-MM-DD 或 YYYY-MM，format=csv 或 json，report=summary 或 discrepancies（仅 CSV）。',
          en: 'Use period=YYYY-MM-DD or YYYY-MM, format=csv or json, report=summary or discrepancies (CSV only).',
        },
        '/finance',
        viewer,
      );
    }
    // Generated as streams and handed to `deliverDownload`, which sends them from S3 in the stack (no size limit).
    if (report === 'discrepancies') {
      const views = day ? dayDiscrepancies(deps, period) : deps.discrepancies.openDiscrepancies(period);
      return deps.deliverDownload({
        fileName: `discrepancies-${period}.csv`,
        contentType: 'text/csv; charset=utf-8',
        body: discrepanciesCsv(views),
      });
    }
    const summary = day
      ? await dailySummary(deps.runs, period, deps.channels)
      : await monthlySummary(deps.runs, period);
    return format === 'json'
      ? deps.deliverDownload({
          fileName: `finance-summary-${period}.json`,
          contentType: 'application/json; charset=utf-8',
          body: once(summaryJson(summary)),
        })
      : deps.deliverDownload({
          fileName: `finance-summary-${period}.csv`,
          contentType: 'text/csv; charset=utf-8',
          body: summaryCsv(summary),
        });
  });
