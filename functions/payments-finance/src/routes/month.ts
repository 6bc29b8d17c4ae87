import { type ReconciliationRun, summarise } from '@platform/reconciliation';
import type { FinanceDependencies } from '../finance-dependencies.ts';
import { type DayNet, monthPage } from '../pages/month-page.ts';
import { badRequestPage } from '../pages/status-pages.ts';
import { asOfficer } from './as-officer.ts';
import { businessDayOf, isMonth } from './business-day.ts';

/**
 * `GET /finance/month?month=YYYY-MM` (default: the current business month). Reads each current run of the month once
 * (as `monthlySummary` does) and sums it both for the month and for its day, for the net-by-day columns.
 */
export const showMonth = (deps: FinanceDependencies) =>
  asOfficer(deps, async (event, { viewer }) => {
    const month = event.queryStringParameters?.month || businessDayOf(deps.now()).slice(0, 7);
    if (!isMonth(month)) {
      return badRequestPage({ zh: '月份格式应为 YYYY-MM。', en: 'The month is YYYY-MM.' }, '/finance/month', viewer);
    }
    const runs: ReconciliationRun[] = [];
    for (const pointer of await deps.runs.runsOfMonth(month)) {
      const run = await deps.runs.currentRun(pointer.channel, pointer.businessDate);
      if (run) runs.push(run);
    }
    const byDay = Map.groupBy(runs, (run) => run.businessDate);
    const days: DayNet[] = [...byDay.keys()].sort().map((day) => {
      const total = summarise(day, byDay.get(day) ?? []).total;
      return {
        day,
        netFen: total.netFen,
        collectedFen: total.collectedFen,
        discrepancyCount: total.discrepancyCount,
      };
    });
    return monthPage(month, summarise(month, runs), days, viewer);
  });
