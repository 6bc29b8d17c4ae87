import {
  type DiscrepancyView,
  dailySummary,
  discrepanciesCsv,
  monthlySummary,
  summaryCsv,
  summaryJson,
} from '@platform/reconciliation';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { FinanceDependencies } from '../finance-dependencies.ts';
import { badRequestPage } from '../pages/status-pages.ts';
import { asOfficer } from './as-officer.ts';
import { isBusinessDay, isMonth } from './business-day.ts';

/** The CSV generators' chunks as one body: API Gateway's Lambda proxy answers in one piece (6 MB at most). */
const collect = async (chunks: AsyncIterable<string>): Promise<string> => {
  const parts: string[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return parts.join('');
};

async function* dayDiscrepancies(deps: FinanceDependencies, day: string): AsyncGenerator<DiscrepancyView> {
  for (const channel of deps.channels) yield* deps.discrepancies.listDiscrepancies(channel, day);
}

const download = (body: string, type: string, name: string): APIGatewayProxyStructuredResultV2 => ({
  statusCode: 200,
  headers: {
    'content-type': type,
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
  },
  body,
});

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
    if (report === 'discrepancies') {
      const views = day ? dayDiscrepancies(deps, period) : deps.discrepancies.openDiscrepancies(period);
      return download(await collect(discrepanciesCsv(views)), 'text/csv; charset=utf-8', `discrepancies-${period}.csv`);
    }
    const summary = day
      ? await dailySummary(deps.runs, period, deps.channels)
      : await monthlySummary(deps.runs, period);
    return format === 'json'
      ? download(summaryJson(summary), 'application/json; charset=utf-8', `finance-summary-${period}.json`)
      : download(await collect(summaryCsv(summary)), 'text/csv; charset=utf-8', `finance-summary-${period}.csv`);
  });
